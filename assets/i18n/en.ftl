# The report's fixed words and generated sentences, in English (the reference: every message
# here must exist in fr.ftl and es.ftl; `migprof check` lists those that do not).
# Arguments: $n a number already formatted for the language, $count the number itself (plural
# selection), $scale none / million / billion, $period a period as published ("2020").

## Fixed words of the report furniture (render::words)
contents = Contents
notes = Notes
provider-flags = Provider flags
flag = Flag
meaning = Meaning
figure = Figure
table = Table
source = Source
reference-year = Reference year
prepared-by = Prepared by
edition = Edition
generated-from-data = Generated from the data
page = Page
list-of-tables = List of tables
list-of-figures = List of figures
acronyms = Acronyms and abbreviations
draft = DRAFT

## Number scales (short forms on cards and axes: "1.2 M", "3.4 bn")
scale-million = M
scale-billion = bn
not-available = n/a

## Amounts with their noun, as sentences write them
amount-persons = { $scale ->
    [million] { $n } M persons
    [billion] { $n } bn persons
   *[none] { $n } { $count ->
        [one] person
       *[other] persons
    }
}
amount-events = { $scale ->
    [million] { $n } M events
    [billion] { $n } bn events
   *[none] { $n } { $count ->
        [one] event
       *[other] events
    }
}
amount-movements = { $scale ->
    [million] { $n } M movements
    [billion] { $n } bn movements
   *[none] { $n } { $count ->
        [one] movement
       *[other] movements
    }
}
amount-refugees = { $scale ->
    [million] { $n } M refugees
    [billion] { $n } bn refugees
   *[none] { $n } { $count ->
        [one] refugee
       *[other] refugees
    }
}
amount-people = { $scale ->
    [million] { $n } M people
    [billion] { $n } bn people
   *[none] { $n } people
}
change-points = { $sign }{ $n } percentage points
unit-per-1000 = { $n } per 1,000
unit-per-100000 = { $n } per 100,000
unit-usd = US$ { $n }
list-and = and

## Sentences on one indicator (render::statements::sentence)
# $form: the name's grammatical form in the language (m, f, el, mpl, fpl, none); $plural: yes / no.
stmt-latest = { $name } { $plural ->
    [yes] were
   *[no] was
} { $amount } in { $period }{ $stale ->
    [yes] , the latest available
   *[no] {""}
} ({ $source })
stmt-up = up from { $amount } in { $period } ({ $change })
stmt-down = down from { $amount } in { $period } ({ $change })
stmt-same = about the same as in { $period }
stmt-and = and
list-sep = ;
stmt-peak = The highest value of this series was { $amount } in { $period }.
stmt-break = Values before { $period } are not compared with it: the series changes there ({ $reason }).
stmt-partial = The value for { $period } ({ $amount }) covers part of the period only ({ $coverage }) and is not compared with full periods.
stmt-partial-default = partial
stmt-projection = Values from { $period } on are projections, not data, and are shown only marked as such.

## Why a series breaks (sentence words, then the short label of chart markers)
break-default = a break in the series
break-source = a change of source
break-revision = a change to another revision of the dataset
break-territory = a change of territory
break-concept = a change of population concept
break-flag = a break in the series flagged by the provider
break-period-length = a change in the length of the periods
break-short-source = new source
break-short-revision = new revision
break-short-territory = new territory
break-short-concept = new concept
break-short-flag = series break
break-short-period-length = new period length

## Key-figure cards
card-latest-available = latest available: { $period }
card-partial = part of the period only: { $coverage }
card-provisional = provisional
card-count-beside = { $name } beside it: { $year }
card-count-year = { $name }: { $year }

## Executive summary (render::statements::synthesis)
fact = { $amount } in { $period } ({ $source })
syn-imm = International migrants living in { $country } numbered { $fact }
syn-imm-share-same = , { $share } of the population
syn-imm-share-other = ; they were { $share } of the population in { $period }
syn-imm-origins = The largest groups came from { $list } ({ $period }).
syn-emi = Emigrants from { $country } living abroad numbered { $fact }.
syn-emi-destinations = Their main countries of destination were { $list } ({ $period }).
syn-net = Net migration was { $fact }: { $direction ->
    [in] more people arrived than left
    [out] more people left than arrived
   *[zero] arrivals and departures balanced
}.
syn-refugees-hosted = { $country } hosted { $amount } in { $period } ({ $source })
syn-refugees-from = { $amount } from { $country } were abroad in { $period } ({ $source })
syn-idps = { $amount } were internally displaced in { $period } ({ $source })
syn-remit-in = personal remittances received were { $fact }
syn-remit-in-gdp = , { $share } of GDP
syn-remit-out = remittances paid were { $fact }

## Charts (render::chart)
chart-source = Source: { $sources }.
chart-rounded = Counts rounded to base { $base }.
chart-suppressed = Small counts suppressed.
chart-partial = Open circles: part of the period only ({ $periods }), not joined to full periods.
chart-residual = Residual groups and unknown partners are not shown.
axis-year = Year
axis-age = Age
axis-persons = Persons
axis-percent = Per cent
legend-male = Male
legend-female = Female
legend-estimate = Estimate (lighter)
legend-projection = Projection (dashed)
legend-partial = Part of the period
legend-break = Break in series
skip-no-values = no values
skip-single-period = a single period
skip-few-bars = fewer than two { $dimension } values in { $period } ({ $id })
skip-no-bars = no values by { $dimension } ({ $ids })
skip-few-ages = fewer than two age groups by sex in { $period } ({ $id })
skip-no-ages = no values by age and sex ({ $ids })
skip-no-multiples = no indicator has values for two periods ({ $ids })

## Breakdowns (table cells)
sex-female = Female
sex-male = Male
total = Total

## Dates (meta.date)
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-day = { $day } { $month } { $year }
date-month = { $month } { $year }
