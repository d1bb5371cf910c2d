# Palabras fijas del informe y frases generadas, en español (véanse los argumentos en en.ftl).
# Los números los formatea render::numfmt (punto para los miles, coma decimal).

## Palabras fijas del informe
contents = Índice
notes = Notas
provider-flags = Marcas de los proveedores
flag = Marca
meaning = Significado
figure = Gráfico
table = Cuadro
source = Fuente
reference-year = Año de referencia
prepared-by = Elaborado por
edition = Edición
generated-from-data = Generado a partir de los datos
page = Página
list-of-tables = Índice de cuadros
list-of-figures = Índice de gráficos
acronyms = Siglas y abreviaturas
draft = BORRADOR

## Escalas
scale-million = M
scale-billion = mil M
not-available = n.d.

## Cantidades
amount-persons = { $scale ->
    [million] { $n } { $count ->
        [one] millón
       *[other] millones
    } de personas
    [billion] { $n } mil millones de personas
   *[none] { $n } { $count ->
        [one] persona
       *[other] personas
    }
}
amount-events = { $scale ->
    [million] { $n } { $count ->
        [one] millón
       *[other] millones
    } de eventos
    [billion] { $n } mil millones de eventos
   *[none] { $n } { $count ->
        [one] evento
       *[other] eventos
    }
}
amount-movements = { $scale ->
    [million] { $n } { $count ->
        [one] millón
       *[other] millones
    } de movimientos
    [billion] { $n } mil millones de movimientos
   *[none] { $n } { $count ->
        [one] movimiento
       *[other] movimientos
    }
}
amount-refugees = { $scale ->
    [million] { $n } { $count ->
        [one] millón
       *[other] millones
    } de refugiados
    [billion] { $n } mil millones de refugiados
   *[none] { $n } { $count ->
        [one] refugiado
       *[other] refugiados
    }
}
amount-people = { $scale ->
    [million] { $n } { $count ->
        [one] millón
       *[other] millones
    } de personas
    [billion] { $n } mil millones de personas
   *[none] { $n } { $count ->
        [one] persona
       *[other] personas
    }
}
change-points = { $sign }{ $n } { $count ->
    [one] punto porcentual
   *[other] puntos porcentuales
}
unit-per-1000 = { $n } por 1.000
unit-per-100000 = { $n } por 100.000
unit-usd = { $n } USD
list-and = y

## Frases sobre un indicador
stmt-latest = { $form ->
    [m] El { $name } se situaba en
    [f] La { $name } se situaba en
    [mpl] Los { $name } se situaban en
    [fpl] Las { $name } se situaban en
   *[none] { $name }:
} { $amount } en { $period }{ $stale ->
    [yes] , último dato disponible
   *[no] {""}
} ({ $source })
stmt-up = un aumento respecto de { $amount } en { $period } ({ $change })
stmt-down = un descenso respecto de { $amount } en { $period } ({ $change })
stmt-same = prácticamente igual que en { $period }
list-sep = ;
stmt-and = y
stmt-peak = El valor más alto de esta serie se registró en { $period }: { $amount }.
stmt-break = Los valores anteriores a { $period } no se comparan con este: la serie cambia en ese punto ({ $reason }).
stmt-partial = El valor de { $period } ({ $amount }) solo abarca una parte del período ({ $coverage }) y no se compara con períodos completos.
stmt-partial-default = parcial
stmt-projection = Los valores a partir de { $period } son proyecciones, no datos, y solo se muestran identificados como tales.

## Rupturas de serie
break-default = una ruptura de la serie
break-source = un cambio de fuente
break-revision = el paso a otra revisión del conjunto de datos
break-territory = un cambio de territorio
break-concept = un cambio del concepto de población
break-flag = una ruptura de la serie señalada por el proveedor
break-period-length = un cambio en la duración de los períodos
break-short-source = nueva fuente
break-short-revision = nueva revisión
break-short-territory = nuevo territorio
break-short-concept = nuevo concepto
break-short-flag = ruptura de serie
break-short-period-length = nueva duración de período

## Cifras clave
card-latest-available = último dato disponible: { $period }
card-partial = solo una parte del período: { $coverage }
card-provisional = provisional
card-count-beside = { $name } al lado: { $year }
card-count-year = { $name }: { $year }

## Resumen ejecutivo
fact = { $amount } en { $period } ({ $source })
syn-imm = La población migrante internacional que vive en el país ascendía a { $fact }
syn-imm-share-same = , es decir, el { $share } de la población
syn-imm-share-other = ; representaba el { $share } de la población en { $period }
syn-imm-origins = Los grupos más numerosos procedían de { $list } ({ $period }).
syn-emi = Los emigrantes del país que viven en el extranjero ascendían a { $fact }.
syn-emi-destinations = Sus principales países de destino eran { $list } ({ $period }).
syn-net = La migración neta fue de { $fact }: { $direction ->
    [in] llegaron más personas de las que salieron
    [out] salieron más personas de las que llegaron
   *[zero] las llegadas y las salidas se equilibraron
}.
syn-refugees-hosted = el país acogía a { $amount } en { $period } ({ $source })
syn-refugees-from = { $amount } originarios del país se encontraban en el extranjero en { $period } ({ $source })
syn-idps = { $amount } se encontraban desplazadas dentro del país en { $period } ({ $source })
syn-remit-in = las remesas personales recibidas ascendieron a { $fact }
syn-remit-in-gdp = , es decir, el { $share } del PIB
syn-remit-out = las remesas pagadas ascendieron a { $fact }

## Gráficos
chart-source = Fuente: { $sources }.
chart-rounded = Cifras redondeadas a la base { $base }.
chart-suppressed = Cifras pequeñas suprimidas.
chart-partial = Círculos vacíos: solo una parte del período ({ $periods }), no unidos a los períodos completos.
chart-residual = No se muestran los grupos residuales ni los países asociados desconocidos.
axis-year = Año
axis-age = Edad
axis-persons = Personas
axis-percent = Porcentaje
legend-male = Hombres
legend-female = Mujeres
legend-estimate = Estimación (más claro)
legend-projection = Proyección (discontinua)
legend-partial = Parte del período
legend-break = Ruptura de serie
skip-no-values = sin valores
skip-single-period = un solo período
skip-few-bars = menos de dos valores por { $dimension } en { $period } ({ $id })
skip-no-bars = sin valores por { $dimension } ({ $ids })
skip-few-ages = menos de dos grupos de edad por sexo en { $period } ({ $id })
skip-no-ages = sin valores por edad y sexo ({ $ids })
skip-no-multiples = ningún indicador tiene valores para dos períodos ({ $ids })

## Desgloses
sex-female = Mujeres
sex-male = Hombres
total = Total

## Fechas
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date-day = { $day } de { $month } de { $year }
date-month = { $month } de { $year }
