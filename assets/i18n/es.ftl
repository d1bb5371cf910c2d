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
foreword = Prólogo
working-group = Grupo de trabajo técnico
name = Nombre
institution = Institución
role = Función
abbreviation = Sigla
disclaimer = Descargo de responsabilidad
colon = :
published-by = Publicado por

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

## Informe (render::report)
r-annexes = Anexos
r-annex-sources = Fuentes y calidad de los datos
r-annex-definitions = Definiciones de los indicadores
r-annex-tables = Cuadros estadísticos
r-annex-plan = Plan de acción sobre los datos
r-annex-coherence = Coherencia: valores de otras fuentes
r-indicator = Indicador
r-period = Período
r-decade = Década
r-decade-label = Década de { $decade }
r-year = Año
r-unit = Unidad
r-definition = Definición
r-source = Fuente
r-chart-not-drawn = Gráfico no trazado por falta de datos: { $reason }.
r-table-no-data = Cuadro «{ $title }» no presentado: sin datos.
r-no-data-for = No hay datos en este perfil para: { $names }.
r-note-suppressed = s: suprimido, cifra inferior a { $threshold } (control de divulgación).
r-note-rounded = r: redondeado a la base { $base }.
r-note-flags = { $flags }: { $count ->
    [one] marca del proveedor
   *[other] marcas del proveedor
}, véase «Marcas de los proveedores» al final del informe.
r-note-refs = [a], [b], ...: notas al final del informe.
r-note-partner-footnotes = Las notas del proveedor sobre los valores por país asociado se refieren a los datos comunicados por ese país; figuran en el conjunto de datos (data/observations.csv, columna footnote).
r-no-findings = No puede extraerse ninguna conclusión: ningún indicador tiene un valor publicado.
r-no-recommendations = Aún no se han registrado recomendaciones: el grupo de trabajo las redacta en el texto de la sección { $section } del perfil.
r-profile-draws = El perfil se basa en { $sources } { $sources ->
    [one] fuente
   *[other] fuentes
} y dispone de datos para { $with } de los { $total } indicadores de sus módulos.
r-gaps-listed = { $count ->
    [one] En la parte D.4 figura una laguna de datos, con un plan para subsanarla.
   *[other] En la parte D.4 figuran { $n } lagunas de datos, con un plan para subsanarlas.
}
r-latest-periods = Los últimos { $keep } de { $total } períodos; todos los períodos figuran en el anexo de cuadros estadísticos.
r-largest-of = Los { $keep } primeros de { $total }; todos los valores figuran en el conjunto de datos (data/observations.csv).
r-no-gaps = No se encontraron lagunas de datos en los módulos seleccionados.
r-no-plan = El plan de acción sobre los datos no tiene entradas.
r-plan-once = El plan de acción sobre datos figura una sola vez, en la parte D.4 (cuadro { $table }).

# Gaps and drafted actions (quality/gaps.rs); priorities, timeframes and responsible
# institutions are stored as the English text and translated when shown.
q-gap-missing = ningún valor en el perfil
q-gap-stale = último valor para { $end }, { $age } años antes del año de referencia { $reference } (más de { $limit } años para un indicador de tipo { $kind })
q-gap-breakdown = ningún valor por { $dims }, que los gráficos o cuadros de la plantilla muestran
q-gap-quality = fuente `{ $source }`: { $scores }
q-kind-stock = stock
q-kind-flow = flujo
q-kind-rate = tasa
q-kind-share = proporción
q-kind-money = monetario
q-kind-count = recuento
q-kind-score = puntuación
q-ask-government = Solicitar las cifras oficiales a: { $list }.
q-ask-international = Importar las series publicadas por: { $list }.
q-ask-academia = Solicitar sus datos de encuesta o estudio a: { $list }.
q-ask-civil-society = Solicitar sus estadísticas de servicios a: { $list }.
q-ask-non-traditional = Negociar datos agregados con: { $list }, mediante un acuerdo de intercambio de datos.
q-the-responsible = el organismo responsable ({ $responsible })
q-act-fill = Subsanar la falta de datos: { $name } ({ $unit }). { $who }
q-act-start = Empezar a recopilar: { $name } ({ $unit }); ningún proveedor del registro cubre este indicador; acordar con el organismo responsable ({ $responsible }) una fuente (registro administrativo o módulo de encuesta) y su calendario de publicación.
q-act-update = Actualizar: { $name }; { $detail }; solicitar la última publicación a: { $from }.
q-act-breakdown = Obtener el desglose del indicador { $name }: { $detail }; solicitar la tabulación a: { $from }, con las celdas pequeñas protegidas antes de su publicación.
q-act-quality = Mejorar la calidad del indicador { $name }: { $detail }; solicitar el método y los metadatos a: { $from }, o una segunda fuente para comparar.
q-act-in-country = En este país: solicitar a { $who } las cifras del instrumento «{ $instrument }».
q-resp-border = servicio de fronteras e inmigración
q-resp-labour = ministerio de trabajo
q-resp-asylum = autoridad de asilo y refugio
q-resp-central-bank = banco central
q-resp-education = ministerio de educación
q-resp-health = ministerio de salud
q-resp-disaster = agencia de gestión de desastres
q-resp-policy = ministerio encargado de la política migratoria
q-resp-nso = oficina nacional de estadística
q-priority-high = alta
q-priority-medium = media
q-priority-low = baja
q-time-3 = 3 meses
q-time-6 = 6 meses
q-time-12 = 12 meses
q-time-24 = 24 meses
q-time-census = próxima ronda censal

# The annex "Changes since the previous edition" (render/changes.rs).
r-changes-intro = En comparación con la edición anterior: { $title } ({ $edition }).
r-changes-intro-plain = En comparación con la edición anterior: { $title }.
r-changes-none = Ningún valor, fuente o acción del plan ha cambiado desde la edición anterior.
r-changes-more = Se indican las { $shown } mayores de las { $all } revisiones; `migprof diff` las enumera todas.
r-changes-no-previous = Este perfil no designa ninguna edición anterior (meta.previous_edition).
r-changes-source = este perfil y su edición anterior, { $title }
w-changes-title = Cambios desde la edición anterior
w-changes-summary = Resumen de los cambios desde la edición anterior
w-change = Cambio
w-number = Número
w-values-new = Valores nuevos en esta edición
w-periods-new = Períodos nuevos para un indicador
w-revised-values = Valores revisados
w-values-gone = Valores que ya no figuran
w-sources-added = Fuentes añadidas
w-sources-dropped = Fuentes retiradas
w-actions-changed = Acciones del plan cuyo estado cambió
w-changes-by-indicator = Cambios por indicador
w-new-values = Valores nuevos
w-new-periods = Períodos nuevos
w-largest-revisions = Mayores revisiones de los valores publicados
w-breakdown = Desglose
w-previous-edition = Edición anterior
w-this-edition = Esta edición
w-revision = Revisión
w-sources-added-dropped = Fuentes añadidas y retiradas
w-added = añadida
w-dropped = retirada
w-plan-progress = Avance del plan de acción sobre datos
w-status-new = nueva
w-status-planned = prevista
w-status-under-way = en curso
w-status-done = realizada
r-plan-drafted-note = El perfil no tiene un plan de acción propio: migprof redactó las entradas siguientes a partir de las lagunas de datos, que deben revisarse.
r-plan-title = Plan de acción sobre los datos
r-plan-title-drafted = Plan de acción sobre los datos (borrador)
r-no-sources = El perfil no registra ninguna fuente.
r-no-scores = No hay puntuaciones de calidad disponibles.
r-no-indicator-data = Ningún indicador tiene datos en este perfil.
r-not-in-catalogue = No figura en el catálogo.
r-definitions-title = Definiciones de los indicadores utilizados
r-sources-title = Fuentes utilizadas
r-gaps-title = Lagunas de datos, por orden de prioridad
r-alternatives-title = Valores de otras fuentes
r-no-alternatives = Ningún indicador tiene valores divergentes de más de una fuente.
r-quality-title = Calidad de los valores utilizados, por dimensión (de 0, deficiente, a 3, buena)
r-quality-evidence = La justificación de cada puntuación figura en el informe HTML como información emergente.
r-table-decades = { $name } ({ $unit }), de { $from } a { $to }, por década y año
r-table-part = { $name } (de { $from } a { $to }, parte { $part } de { $parts })
r-shown-every = Se muestran: { $what }. Todos los valores figuran en el conjunto de datos (data/observations.csv).
r-shown-latest = los últimos { $shown } de { $total } períodos
## Encabezados de cuadro
h-rank = Orden
h-section = Sección
h-gap = Laguna
h-detail = Detalle
h-filled-by = Podría subsanarse con
h-action = Acción
h-responsible = Responsable
h-priority = Prioridad
h-timeframe = Plazo
h-providers = Proveedores
h-origin = Origen
h-id = Identificador
h-provider = Proveedor
h-dataset = Conjunto de datos
h-file = Archivo o referencia
h-retrieved = Fecha de extracción
h-licence = Licencia
h-cell = Celda
h-values-by-source = Valores por fuente
h-difference = Diferencia
h-used = Utilizado
h-why = Motivo de la fuente
h-reason = Motivo probable de la diferencia
h-sdg-gcm = ODS / Pacto Mundial
## Cuadros de la parte C
g-policy-title = Políticas y estrategias migratorias nacionales
g-policy = Política o estrategia
g-summary = Resumen
g-instruments-title = Instrumentos internacionales
g-instrument = Instrumento
g-status = Situación
g-institutions-title = Instituciones con responsabilidades en materia de migración
g-institution = Institución
g-role = Función
g-agreements-title = Acuerdos bilaterales y regionales
g-partner = País asociado
g-agreement = Acuerdo
g-none = { $what ->
    [policy] No se han registrado políticas ni estrategias
    [ratification] No se han registrado ratificaciones de instrumentos internacionales
    [institution] No se han registrado instituciones
   *[agreement] No se han registrado acuerdos
} en los datos de gobernanza de este perfil.
## Notas sobre un valor
v-projection = Proyección, no una estimación de lo ocurrido ({ $source }).
v-estimate = Estimación ({ $source }).
v-provisional = Valor provisional, sujeto a revisión ({ $source }).
v-partial = Solo abarca una parte del período: { $coverage } ({ $source }).
v-shifted-year = Años de doce meses que no terminan en diciembre, designados por el año en que terminan; no se comparan con años civiles ({ $source }).
v-territory = Se refiere a: { $name } ({ $source }).
v-former-territory = un antiguo territorio del país
unknown = Desconocido
## Cuadros por país asociado y lagunas
partner = { $dim ->
    [origin] país de origen
    [destination] país de destino
    [citizenship] país de ciudadanía
    [nationality] país de nacionalidad
    [asylum] país de asilo
   *[other] país
}
partners = { $dim ->
    [origin] países de origen
    [destination] países de destino
    [citizenship] países de ciudadanía
    [nationality] países de nacionalidad
    [asylum] países de asilo
   *[other] países
}
r-by-partner = { $name } por { $partner } ({ $unit })
r-shown-largest = los { $top } primeros de { $total } { $partners } según el último valor{ $latest }
gap-missing = sin datos
gap-stale = datos desactualizados
gap-no-disaggregation = sin desglose
gap-low-quality = calidad insuficiente
## Source lines of the report's own tables, origins, quality dimensions
src-gaps = lagunas de datos detectadas por migprof en los valores de este perfil para los indicadores de las secciones seleccionadas
src-plan-drafted = redactado por migprof a partir de las lagunas de datos, para su revisión por el grupo de trabajo
src-plan = plan de acción sobre los datos del perfil
src-sources = registro de fuentes del perfil (archivo o referencia, SHA-256, fecha de extracción, licencia)
src-scores = puntuaciones asignadas por migprof a partir de los valores y de los metadatos de sus fuentes
src-catalogue = catálogo de indicadores de migprof, según la plantilla de perfil migratorio de la OIM
src-compared = fuentes del perfil, comparadas por migprof
src-governance = datos de gobernanza del perfil
src-governance-each = datos de gobernanza del perfil, cada entrada con su fuente tal como se registró
origin-drafted = redactado por migprof
origin-profile = perfil
hint-suppressed = suprimido (cifra pequeña)
dim-relevance = Pertinencia
dim-accuracy = Exactitud y fiabilidad
dim-timeliness = Puntualidad
dim-accessibility = Accesibilidad y claridad
dim-coherence = Coherencia y comparabilidad
dim-institutional = Marco institucional
## Conclusiones de la parte D.1
f-since = , { $change } desde { $period }
f-partial = ; el valor de { $period } solo abarca una parte del período ({ $coverage }) y no se compara
f-evidence = El perfil dispone de datos para { $with } de los { $total } indicadores de sus secciones{ $gaps ->
    [0] {""}
    [one] , y en la parte D.4 figura { $gaps } laguna de datos
   *[other] , y en la parte D.4 figuran { $gaps } lagunas de datos
}.
## Provider flags and the choice of a source
flag-b = ruptura de la serie (Eurostat)
flag-c = confidencial (Eurostat)
flag-d = definición diferente (Eurostat)
flag-e = estimado (Eurostat)
flag-f = previsión (Eurostat)
flag-n = no significativo (Eurostat)
flag-p = provisional (Eurostat)
flag-r = revisado (Eurostat)
flag-s = estimación de Eurostat (Eurostat)
flag-u = fiabilidad baja (Eurostat)
flag-z = no aplicable (Eurostat)
flag-B = basado en la población nacida en el extranjero (tipo de datos del DAES de las Naciones Unidas)
flag-C = basado en los ciudadanos extranjeros (tipo de datos del DAES de las Naciones Unidas)
flag-I = imputado (tipo de datos del DAES de las Naciones Unidas)
flag-R = refugiados añadidos a la estimación (tipo de datos del DAES de las Naciones Unidas)
flag-E = valor estimado (OCDE)
flag-P = valor provisional (OCDE)
flag-other = marca tal como la publica el proveedor
why-default-kind = Orden por defecto: fuentes del mismo tipo, la que figura primero en el perfil
why-default-custodian = Orden por defecto: primero las series de los organismos custodios internacionales para los indicadores de los ODS y del Pacto Mundial
why-default-national = Orden por defecto: primero las estadísticas oficiales nacionales, luego las series internacionales
why-preferred-none = Preferida en este perfil (sin justificación registrada)
## Markdown key-figure table
key-figure = Cifra clave
value = Valor
## Indicator tags and breakdown names
tag-sdg = ODS { $n }
tag-gcm = Pacto Mundial { $n }
dim-age = Edad
dim-cause = Causa
dim-type = Tipo
dim-reason = Motivo
dim-occupation = Ocupación
dim-sector = Sector
dim-route = Ruta
dim-area = Zona
dim-level = Nivel
dim-hazard = Amenaza
dim-sex = Sexo
dim-origin = País de origen
dim-destination = País de destino
dim-citizenship = Nacionalidad
dim-nationality = Nacionalidad
dim-country = País
dim-asylum = País de asilo

## Elementos que justifican las puntuaciones de calidad (quality/score.rs)
ev-not-in-catalogue = el indicador `{ $indicator }` no figura en el catálogo
ev-concept-differs = cuenta `{ $got }`, mientras que el catálogo define el indicador como `{ $want }`
ev-concept-unstated = concepto de población no indicado (el catálogo pide `{ $want }`)
ev-undesa-citizenship = tipo de datos { $flag } del DAES de las Naciones Unidas: migrantes contados por ciudadanía, no por país de nacimiento
ev-definition-differs = marca { $flag }: definición diferente
ev-stock-span = stock dado para el período { $from }-{ $to }, no en una fecha
ev-concept-matches = el concepto `{ $concept }` corresponde a la definición del catálogo
ev-no-concept-needed = conforme a la definición del catálogo (no se requiere ningún concepto específico)
ev-flag-name = { $eurostat ->
    [yes] marca de Eurostat { $flag }
   *[no] marca { $flag }
}
ev-flag-meaning = { $what }: { $meaning }
ev-m-provisional = provisional
ev-m-estimated = estimado
ev-m-forecast = previsión
ev-m-redacted = algunos valores pequeños suprimidos por el proveedor
ev-m-imputed = imputado
ev-m-low-reliability = fiabilidad baja
ev-undesa-refugees = tipo de datos { $flag } del DAES de las Naciones Unidas: refugiados añadidos a la cifra del censo
ev-undesa-imputed = tipo de datos { $flag } del DAES de las Naciones Unidas: imputado, sin datos para el país
ev-mmp-score = puntuación de calidad de la fuente del Proyecto Migrantes Desaparecidos: { $q } de 5
ev-mmp-minimum = estimación mínima (Proyecto Migrantes Desaparecidos)
ev-wpp-model = estimación basada en un modelo (Perspectivas de la Población Mundial)
ev-mmp-quality = calidad de las fuentes del Proyecto Migrantes Desaparecidos: media { $mean }, mínimo { $min } (1 = una sola fuente no verificada, 5 = fuente oficial o varias fuentes verificadas)
ev-footnote-estimate = nota del proveedor: «{ $footnote }»
ev-non-traditional = fuente no tradicional: cobertura no representativa de la población
ev-no-flag = publicado sin marca de calidad
ev-period-unreadable = el período `{ $period }` no se puede leer
ev-latest-period = último período { $period }
ev-latest-year = último año { $year }
ev-after-reference = { $latest } es posterior al año de referencia { $reference } (una proyección)
ev-age = { $latest }, { $age } { $age ->
    [one] año
   *[other] años
} antes del año de referencia { $reference }
ev-source-unrecorded = la fuente `{ $source }` no está registrada
ev-open-licence = licencia abierta { $licence }
ev-closed-licence = la licencia «{ $licence }» no es una licencia abierta
ev-machine-readable = archivo legible por máquina ({ $format })
ev-machine-readable-sha = archivo legible por máquina ({ $format }) con huella SHA-256
ev-no-format = archivo registrado sin su formato
ev-manual = entrada manual a partir de una publicación
ev-meta-url = URL
ev-meta-citation = referencia bibliográfica
ev-meta-notes = notas del proveedor
ev-meta-footnote = nota
ev-no-metadata = ningún metadato registrado (URL, referencia o notas)
ev-metadata = metadatos: { $list }
ev-agrees = coincide con { $name } dentro de un margen de { $tol } en { $period } (diferencia de { $diff })
ev-differs = diferencia de { $diff } con { $name } en { $period }
ev-same-value = mismo valor que { $name } en { $period }
ev-no-other = ninguna otra fuente con la que comparar
ev-break = ruptura de la serie en { $periods }
ev-concept-changes = el concepto cambia de un año a otro ({ $concepts })
ev-fam-government = estadísticas oficiales (administración nacional)
ev-fam-international = estadísticas oficiales (organización internacional)
ev-fam-academia = productor académico, no estadísticas oficiales
ev-fam-civil-society = productor de la sociedad civil, no estadísticas oficiales
ev-fam-non-traditional = fuente no tradicional (datos privados), no estadísticas oficiales
ev-not-in-registry = el proveedor `{ $provider }` no figura en el registro
ev-named = { $name }: { $text }
ev-flags-kept = marcas del proveedor conservadas: { $flags }

## Razones probables de las diferencias entre fuentes (quality/reconcile.rs)
rs-refers-to = { $source } se refiere a { $territory }
rs-territories = Los valores corresponden a territorios diferentes: { $parts }.
rs-present-territory = el territorio actual del país
rs-former-territory = un antiguo territorio del país
rs-territory = { $name }
rs-revision-of = { $source } procede de la revisión { $revision }
rs-revision-unstated = { $source } no indica su revisión
rs-revisions = Los valores proceden { $same ->
    [yes] de revisiones diferentes del mismo conjunto de datos
   *[no] de revisiones diferentes de las estimaciones
}: { $parts }. Cada revisión vuelve a estimar los años anteriores, por lo que la diferencia no es un cambio en el tiempo.
rs-projection = { $sources } da una proyección, la otra fuente una estimación de lo ocurrido.
rs-shifted-year = { $source } abarca un año que no termina en diciembre ({ $coverage }), no el año civil.
rs-partial = { $source } abarca solo una parte del período ({ $coverage }).
rs-periods = Los períodos de referencia difieren: { $spans } da un valor para el período { $period }, { $source } da los años { $from } a { $to } ({ $how ->
    [summed] sumados
   *[averaged] promediados
} aquí para comparar), y los períodos no coinciden exactamente.
rs-periods-grouped = Los períodos de referencia difieren: { $spans } da un valor para cada período, { $source } da años sueltos, desde el primer año de cada período hasta el año anterior al último ({ $how ->
    [summed] sumados
   *[averaged] promediados
} aquí para comparar), y los períodos no coinciden exactamente.
rs-counts = { $source } cuenta { $concept }
rs-c-foreign-born = la población nacida en el extranjero
rs-c-foreign-citizens = los ciudadanos extranjeros
rs-c-all-citizenships = las personas de todas las ciudadanías (nacionales incluidos)
rs-c-other = «{ $concept }»
rs-concepts = Los conceptos de población difieren: { $parts }.
rs-concepts-may = Los conceptos de población pueden diferir: { $parts }, mientras que { $silent } no indica ninguno.
rs-stock-flow = Uno es un stock y el otro un flujo: { $stock } cuenta las personas presentes en una fecha, { $flow } los movimientos durante el período.
rs-residence = { $source } indica una regla de residencia en sus metadatos, que puede diferir de la de la otra fuente.
rs-f-provisional = provisional y aún puede revisarse
rs-f-estimated = una estimación
rs-f-forecast = una previsión
rs-f-break = posterior a una ruptura de la serie
rs-f-definition = basado en una definición diferente
rs-f-imputed = imputado
rs-f-citizenship = basado en la ciudadanía, no en el país de nacimiento
rs-f-refugees = una cifra censal a la que se añadieron los refugiados
rs-f-redacted = parcialmente suprimido (valores pequeños ocultos)
rs-f-low = de fiabilidad baja
rs-flagged = { $phrase } (marca «{ $flag }»)
rs-value-is = El valor de { $source } es { $phrases }.
rs-yearly-provisional = Algunos valores anuales de { $source } son provisionales.
rs-adjustment = { $source } incluye un ajuste estadístico (variación de la población menos crecimiento natural), que absorbe también las revisiones censales y los errores de recuento.
rs-wpp-one = { $source } es una estimación basada en un modelo, de las Perspectivas de la Población Mundial; cada edición revisa los valores anteriores.
rs-wpp-many = { $sources } son { $count ->
    [2] ambas
   *[other] todas
} estimaciones basadas en un modelo, de las Perspectivas de la Población Mundial, quizá de ediciones diferentes, y cada edición revisa los valores anteriores.

## Anexo de coherencia: las razones probables, una vez por indicador y celda
why-preferred = Preferida en este perfil: { $justification }
r-reasons-title = Razones probables de las diferencias
r-reasons-source = metadatos conservados con cada valor, leídos por migprof
h-periods = Períodos
h-likely-reason = Razón probable

## Anexo sobre el sistema de datos y acciones a nivel de los instrumentos (system/)
sys-title = El sistema nacional de datos migratorios y su evaluación
sys-t-agencies = Organismos nacionales que poseen datos migratorios
sys-t-instruments = Instrumentos de recopilación de datos
sys-t-matrix = Evaluación: temas migratorios recomendados que recoge cada instrumento
sys-t-gaps = Lagunas a nivel de los instrumentos
sys-t-topics = Temas recomendados utilizados en la evaluación
sys-t-plan-drafted = Acciones sobre el sistema de datos (propuestas a partir de las lagunas de los instrumentos, por examinar)
sys-t-plan = Acciones sobre el sistema de datos
sys-h-agency = Organismo
sys-h-kind = Tipo
sys-h-role = Función en los datos migratorios
sys-h-contact = Contacto
sys-h-agreement = Acuerdo de intercambio de datos
sys-h-periodicity = Periodicidad
sys-h-latest-round = Última ronda
sys-h-access = Acceso
sys-h-legal-basis = Base jurídica
sys-h-topic = Tema
sys-h-recorded = Registrado
sys-h-consequence = Consecuencia
sys-h-recommended-by = Recomendado por
sys-h-responsible-agency = Organismo responsable
sys-h-partners = Asociados
sys-h-resources = Recursos necesarios
sys-h-funding = Financiación posible
sys-h-nsds = Plan estadístico nacional
sys-h-source-line = registros del sistema nacional de datos del perfil ([[agency]], [[instrument]]), evaluados con respecto al catálogo de temas (indicators/topics.toml)
sys-ak-nso = oficina de estadística
sys-ak-interior = ministerio del interior
sys-ak-labour = ministerio de trabajo
sys-ak-border = servicio de fronteras o de inmigración
sys-ak-refugee = autoridad de refugio o asilo
sys-ak-foreign = ministerio de relaciones exteriores
sys-ak-nhri = institución nacional de derechos humanos
sys-ak-other = otro organismo
sys-as-none = ninguno
sys-as-negotiating = en negociación
sys-as-signed = firmado
sys-as-expired = vencido
sys-ik-census = censo de población y vivienda
sys-ik-lfs = encuesta de fuerza de trabajo
sys-ik-household = encuesta de hogares
sys-ik-register = registro de población
sys-ik-residence = sistema de permisos de residencia
sys-ik-work = sistema de permisos de trabajo
sys-ik-visa = sistema de visados
sys-ik-border = registros fronterizos
sys-ik-asylum = registros de asilo
sys-ik-consular = registro consular
sys-ik-bop = balanza de pagos
sys-ik-other = otro instrumento
sys-acc-public = cuadros públicos
sys-acc-micro = microdatos
sys-acc-restricted = restringido
sys-cov-collected = recogido
sys-cov-partly = en parte
sys-cov-not = no
sys-cov-unknown = desconocido
sys-rec-census-core = censo, temas básicos
sys-rec-census-additional = censo, temas adicionales
sys-per-quarterly = trimestral
sys-per-annual = anual
sys-per-monthly = mensual
sys-per-continuous = continua
sys-no-topics = No se pudo leer el catálogo de temas: no hay evaluación.
sys-illustrative = ILUSTRATIVO: los organismos e instrumentos de este anexo son un ejemplo compilado para mostrar el método; no son el sistema de datos registrado del país ni constataciones sobre sus organismos.
sys-matrix-note = recogido / en parte / no / desconocido: según lo registrado para el instrumento; entre paréntesis, o -, cuando los instrumentos de ese tipo no producen los indicadores del perfil que necesitan el tema.
sys-all-collected = Cada instrumento recoge los temas que necesitan sus indicadores.
sys-uncovered = Ningún instrumento del sistema de datos consta como recopilador de: { $list }.
sys-none-recorded = ninguno registrado
sys-to-be-identified = por determinar
sys-more = { $n } más
sys-instrument-start = El instrumento «{ $name }» ({ $kind }, { $agency })
sys-instrument = el instrumento «{ $name }» ({ $kind }, { $agency })
sys-gap-not = { $what } no recoge el tema «{ $topic }»; por tanto, no permite producir: { $list }.
sys-gap-partly = { $what } solo recoge en parte el tema «{ $topic }»; sus cifras son por tanto incompletas para: { $list }.
sys-act-add = Añadir (o completar), en la próxima ronda del instrumento «{ $instrument }» ({ $agency }), preguntas sobre: { $topics }, para poder producir: { $list }.
sys-act-record = Registrar (íntegramente) en el instrumento «{ $instrument }» ({ $agency }), y tabular: { $topics }, para poder producir: { $list }.
sys-act-ask = Preguntar a { $agency } si el instrumento «{ $instrument }» abarca: { $topics }, y registrar la respuesta en el sistema de datos del perfil (necesario para: { $list }).
sys-res-survey = revisión y prueba del cuestionario, capacitación de los entrevistadores, tabulación por condición migratoria
sys-res-register = modificación del formulario de registro y del campo de la base de datos, orientaciones al personal, un acuerdo de intercambio de datos con la oficina de estadística
sys-res-ask = una reunión o una carta; el cuestionario o formulario del instrumento
sys-gap-unknown = No consta si { $what } recoge el tema «{ $topic }», necesario para: { $list }; preguntar a { $agency }.

## Título del informe cuando el perfil conserva el que da `migprof new`
r-title = Perfil migratorio: { $country }

## `migprof gaps` (cli/gaps.rs), en el idioma del perfil
cg-title = Lagunas de datos y plan de acción: { $title } (año de referencia { $year })
cg-no-gaps = No hay lagunas de datos en los módulos seleccionados.
cg-gaps = Lagunas de datos ({ $n })
cg-no-provider = ningún proveedor del registro
cg-plan-recorded = Plan de acción sobre los datos (tal como figura en el perfil)
cg-plan-drafted = Plan de acción sobre los datos (propuesto por migprof; adóptelo y modifíquelo en el perfil)
cg-no-actions = Ninguna acción.
cg-kind-missing = ningún valor
cg-kind-stale = valor antiguo
cg-kind-breakdown = falta el desglose
cg-family = { $family }: { $names }
cg-fam-government = Administraciones públicas
cg-fam-academia = Ámbito académico
cg-fam-civil-society = Sociedad civil
cg-fam-international = Organizaciones internacionales
cg-fam-non-traditional = Fuentes no tradicionales
cg-fam-other = Otros
