//! ILOSTAT bulk CSV, in both variants: codes (`ref_area,indicator,sex,time,obs_value,obs_status,
//! note_*`) and labels (`ref_area.label,…,sex.label,…,obs_status.label,note_*.label`).
//!
//! Series = the indicator code or label. Sex `SEX_T` / `Sex: Total` is the total, `SEX_M` /
//! `Sex: Male` → `sex = M`, `SEX_F` / `Sex: Female` → `sex = F`, other → `sex = O`. The status goes
//! into the flags, the source and the notes into the footnote. Classification columns
//! (`classif1`…) become a disaggregation unless a mapping filter fixes them.
//!
//! Row accounting: a row is one data line (one observation). A line repeating every column but
//! the value, its status and notes of an earlier one is a duplicate (identical) or an error
//! naming both lines.

use super::csvutil::{
    self, Cell, Dedup, SeriesIndex, Who, count_unmapped_series, field, filter_ok, malformed,
    not_a_value, observation, parse_cell, push, resolve_country, row_hash, warn,
};
use super::{Context, Format, Head, ImportError, Outcome, reason};
use std::path::Path;

const PROVIDER: &str = "ilo";

fn base(h: &str) -> &str {
    let h = h.trim();
    h.strip_suffix(".label").unwrap_or(h)
}

pub fn sniff(head: &Head) -> Result<(), String> {
    if head.is_zip {
        return Err("a zip file, not a CSV".into());
    }
    let recs = csvutil::head_records(&head.text, 1);
    let Some(h) = recs.first() else {
        return Err("no CSV record in the first bytes".into());
    };
    if h.first().is_some_and(|f| {
        let f = f.trim();
        f == "DATAFLOW" || f == "STRUCTURE"
    }) {
        return Err(
            "an SDMX-CSV file (DATAFLOW/STRUCTURE column), not the ILOSTAT bulk CSV".into(),
        );
    }
    let has = |n: &str| h.iter().any(|c| base(c) == n);
    if has("ref_area") && has("time") && has("obs_value") {
        Ok(())
    } else {
        Err("header has no ref_area / time / obs_value columns".into())
    }
}

fn sex_of(s: &str) -> Option<&'static str> {
    let s = s.trim();
    let s = s.strip_prefix("Sex:").map_or(s, str::trim);
    match s.to_ascii_uppercase().as_str() {
        "SEX_T" | "TOTAL" | "" => None,
        "SEX_M" | "MALE" => Some("M"),
        "SEX_F" | "FEMALE" => Some("F"),
        _ => Some("O"),
    }
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let series_index = SeriesIndex::new(ctx, Format::Ilostat.id());
    let mut out = Outcome::new(
        Format::Ilostat,
        &series_index.provider_or(PROVIDER),
        "ILOSTAT",
    );
    let mut rdr = csvutil::open_csv(path, b',')?;
    let mut rec = csv::ByteRecord::new();
    let header = csvutil::read_header(&mut rdr, &mut rec, path)?;
    let col = |n: &str| header.iter().position(|c| base(c) == n);
    let (Some(area), Some(time), Some(value)) = (col("ref_area"), col("time"), col("obs_value"))
    else {
        return Err(malformed(
            path,
            1,
            "header has no ref_area / time / obs_value columns",
        ));
    };
    let indicator = col("indicator");
    let sex = col("sex");
    let status = col("obs_status");
    let source = col("source");
    let notes: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| base(h).starts_with("note_"))
        .map(|(i, _)| i)
        .collect();
    let classifs: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| base(h).starts_with("classif"))
        .map(|(i, h)| (i, base(h).to_string()))
        .collect();
    let file_series = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('-').next())
        .unwrap_or("")
        .to_string();
    // The columns that identify an observation (everything but the value, its status and notes).
    let key_cols: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(i, h)| *i != value && Some(*i) != status && !base(h).starts_with("note_"))
        .map(|(i, _)| i)
        .collect();
    let mut dedup = Dedup::default();
    while let Some(line) = rdr.next(&mut rec)? {
        if !csvutil::take_row(&mut out, line, &rec, header.len()) {
            continue;
        }
        let area_cell = field(&rec, area).trim().to_string();
        let iso3 = match resolve_country(ctx, &mut out, &[&area_cell], None) {
            Who::Keep(c) => c,
            Who::Drop(why) => {
                out.drop_row(why);
                continue;
            }
        };
        let key = key_cols
            .iter()
            .map(|&i| field(&rec, i).trim().to_string())
            .collect::<Vec<_>>()
            .join(" ");
        let seen = dedup.check(key.clone(), line, row_hash(rec.iter()));
        if csvutil::repeated(path, &mut out, seen, line, &key)? {
            continue;
        }
        let series = match indicator {
            Some(i) => field(&rec, i).trim().to_string(),
            None => file_series.clone(),
        };
        let maps = series_index.get(&series);
        if maps.is_empty() {
            count_unmapped_series(&mut out, &series);
            out.drop_row(reason::NOT_IN_CATALOGUE);
            continue;
        }
        let raw = field(&rec, value);
        let v = match parse_cell(&raw) {
            Cell::Missing => {
                out.drop_row(reason::MISSING);
                continue;
            }
            Cell::Invalid => {
                warn(
                    &mut out,
                    line,
                    format!("obs_value {}; skipped", not_a_value(&raw)),
                );
                out.drop_row(reason::MALFORMED);
                continue;
            }
            Cell::Value(v) => v,
        };
        let period = field(&rec, time).trim().to_string();
        let sex_value = sex.map(|i| field(&rec, i).trim().to_string());
        let flags: Vec<String> = status
            .map(|i| field(&rec, i).trim().to_string())
            .filter(|s| !s.is_empty())
            .into_iter()
            .collect();
        let mut foot: Vec<String> = Vec::new();
        if let Some(i) = source {
            let s = field(&rec, i).trim().to_string();
            if !s.is_empty() {
                foot.push(format!("Source: {s}"));
            }
        }
        for &i in &notes {
            let s = field(&rec, i).trim().to_string();
            if !s.is_empty() {
                foot.push(s);
            }
        }
        let footnote = (!foot.is_empty()).then(|| foot.join(" | "));
        let mut gave = false;
        for (ind, m) in maps {
            let ok = filter_ok(m, |k| {
                let k = base(k);
                header
                    .iter()
                    .position(|h| base(h) == k)
                    .map(|i| field(&rec, i).to_string())
            });
            if !ok {
                continue;
            }
            let mut o = observation(ind, m, &period, v);
            if let Some(s) = sex_value.as_deref().and_then(sex_of) {
                o.disaggregation.insert("sex".to_string(), s.to_string());
            }
            for (i, name) in &classifs {
                if m.filter.keys().any(|k| base(k) == name) {
                    continue;
                }
                let c = field(&rec, *i).trim().to_string();
                if !c.is_empty() {
                    o.disaggregation.insert(name.clone(), c);
                }
            }
            o.flags = flags.clone();
            o.footnote = footnote.clone();
            push(&mut out, &iso3, o);
            gave = true;
        }
        // A series whose mappings all filter the row out (another classification).
        super::rows::settle(&mut out, gave, reason::NOT_IN_CATALOGUE);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sexes() {
        assert_eq!(sex_of("Sex: Total"), None);
        assert_eq!(sex_of("SEX_T"), None);
        assert_eq!(sex_of("Sex: Male"), Some("M"));
        assert_eq!(sex_of("SEX_F"), Some("F"));
        assert_eq!(sex_of("Sex: Other"), Some("O"));
    }
}
