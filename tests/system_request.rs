//! Data requests out, contributions in, on the Mexico example profile (profiles/mex.toml, with
//! its illustrative data system): `migprof request` writes the workbooks; the test fills cells
//! the way an agency would (a workbook rewritten with the same sheets, some cells wrong),
//! `migprof import` refuses the wrong ones with one sheet!cell message each and changes
//! nothing, accepts the corrected workbook, replaces the contribution when a corrected
//! workbook comes again, and the values appear in the built report attributed to the agency.

use assert_cmd::Command;
use calamine::{Data, Reader};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn migprof() -> Command {
    Command::cargo_bin("migprof").expect("binary")
}

#[derive(Clone)]
enum Fill {
    Num(f64),
    Text(&'static str),
}

/// Rewrite the request workbook with every cell it has, plus the filled cells
/// (`(sheet, row 1-based, column 0-based)`), as a spreadsheet program saving it would.
fn fill(request: &Path, out: &Path, cells: &BTreeMap<(&str, u32, u16), Fill>) {
    let mut wb = calamine::open_workbook_auto(request).expect("open request");
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        let ws = book.add_worksheet();
        ws.set_name(&name).expect("name");
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (i, row) in range.rows().enumerate() {
            for (j, d) in row.iter().enumerate() {
                let (r, c) = (r0 + i as u32, (c0 as usize + j) as u16);
                match d {
                    Data::String(s) => {
                        ws.write_string(r, c, s).expect("write");
                    }
                    Data::Float(f) => {
                        ws.write_number(r, c, *f).expect("write");
                    }
                    Data::Int(n) => {
                        ws.write_number(r, c, *n as f64).expect("write");
                    }
                    _ => {}
                }
            }
        }
        for ((sheet, row, col), v) in cells {
            if *sheet == name {
                match v {
                    Fill::Num(f) => ws.write_number(row - 1, *col, *f).expect("write"),
                    Fill::Text(t) => ws.write_string(row - 1, *col, *t).expect("write"),
                };
            }
        }
        if name == "_migprof" {
            ws.set_hidden(true);
        }
    }
    book.save(out).expect("save");
}

#[test]
fn request_fill_refuse_accept_replace_and_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = dir.path().join("mex.toml");
    std::fs::copy(root().join("profiles/mex.toml"), &profile).expect("copy example");
    let requests = dir.path().join("requests");
    migprof()
        .args(["request"])
        .arg(&profile)
        .args(["--agency", "inegi", "--deadline", "2027-06-30", "--out"])
        .arg(&requests)
        .assert()
        .success()
        .stdout(predicates::str::contains("indicators for agency `inegi`"));
    let request = requests.join("request-mex-inegi.xlsx");
    assert!(request.is_file());
    // Only the agency asked for.
    assert_eq!(std::fs::read_dir(&requests).expect("dir").count(), 1);

    // The grid: header on row 7 (Period, Total, Female, Male, note), 2015 on row 8 ... 2024 on
    // row 17 (reference year 2024, ten years).
    let mut bad: BTreeMap<(&str, u32, u16), Fill> = BTreeMap::new();
    bad.insert(("A.2 imm_stock", 8, 1), Fill::Num(1_212_252.0));
    bad.insert(("A.2 imm_stock", 8, 2), Fill::Text("n/a"));
    bad.insert(("A.2 imm_stock", 8, 3), Fill::Num(-5.0));
    bad.insert(("A.2 imm_stock", 9, 1), Fill::Text("c"));
    bad.insert(("A.3 mig_workers", 17, 1), Fill::Num(123_456.0));
    bad.insert(
        ("A.3 mig_workers", 17, 4),
        Fill::Text("ENOE 2024-Q2, table 3.1"),
    );
    bad.insert(("A.3 mig_workers_share_lf", 17, 1), Fill::Num(140.0));
    bad.insert(("A.3 mig_workers_share_lf", 16, 1), Fill::Text("1,2"));
    let returned_bad = dir.path().join("returned-bad.xlsx");
    fill(&request, &returned_bad, &bad);

    let before = std::fs::read(&profile).expect("read");
    let out = migprof()
        .arg("import")
        .arg(&returned_bad)
        .arg("--profile")
        .arg(&profile)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("4 cell(s) refused; nothing was imported"),
        "{err}"
    );
    assert!(
        err.contains("'A.3 mig_workers_share_lf'!B17: 140 is a share over 100 %"),
        "{err}"
    );
    assert!(
        err.contains("'A.3 mig_workers_share_lf'!B16: \"1,2\" is not a number (type it without thousands separators, with a point for decimals)"),
        "{err}"
    );
    assert!(
        err.contains("'A.2 imm_stock'!C8: \"n/a\" is not a number"),
        "{err}"
    );
    assert!(
        err.contains("'A.2 imm_stock'!D8: -5 is negative; International migrant stock cannot be"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&profile).expect("read"),
        before,
        "nothing partial written"
    );

    // Corrected: female 600,000 and male 612,252 (they add up to the total typed in B8).
    let mut good = bad.clone();
    good.insert(("A.2 imm_stock", 8, 2), Fill::Num(600_000.0));
    good.insert(("A.2 imm_stock", 8, 3), Fill::Num(612_252.0));
    good.remove(&("A.3 mig_workers_share_lf", 17, 1));
    good.remove(&("A.3 mig_workers_share_lf", 16, 1));
    let returned = dir.path().join("returned.xlsx");
    fill(&request, &returned, &good);
    migprof()
        .arg("import")
        .arg(&returned)
        .arg("--profile")
        .arg(&profile)
        .assert()
        .success()
        .stdout(predicates::str::contains("added 4 values"));
    let text = std::fs::read_to_string(&profile).expect("read");
    let p = migprof::profile::Profile::from_toml(&text, "mex.toml").expect("loads");
    let src: Vec<&migprof::model::Source> = p
        .sources
        .iter()
        .filter(|s| s.format.as_deref() == Some("returned_request"))
        .collect();
    assert_eq!(src.len(), 1);
    let s = src[0];
    assert_eq!(s.provider, "gov_nso_register");
    let cat = migprof::catalogue::Catalogue::embedded().expect("catalogue");
    assert_eq!(
        cat.provider(&s.provider).map(|x| x.family),
        Some(migprof::model::Family::Government)
    );
    assert!(
        s.citation.as_deref().is_some_and(|c| c.starts_with(
            "Instituto Nacional de Estadística y Geografía (INEGI): figures returned"
        )),
        "{:?}",
        s.citation
    );
    assert!(
        s.dataset
            .starts_with("Instituto Nacional de Estadística y Geografía (INEGI)")
    );
    assert!(
        s.notes
            .as_deref()
            .is_some_and(|n| n.contains("agency=inegi") && n.contains("1 cell(s) marked \"c\""))
    );
    let of = |ind: &str, period: &str, sex: Option<&str>| -> Vec<f64> {
        p.observations
            .iter()
            .filter(|o| {
                o.source == s.id
                    && o.indicator == ind
                    && o.period == period
                    && o.disaggregation.get("sex").map(String::as_str) == sex
            })
            .map(|o| o.value)
            .collect()
    };
    assert_eq!(of("imm_stock", "2015", None), vec![1_212_252.0]);
    assert_eq!(of("imm_stock", "2015", Some("F")), vec![600_000.0]);
    assert_eq!(of("imm_stock", "2015", Some("M")), vec![612_252.0]);
    assert_eq!(
        of("imm_stock", "2016", None),
        Vec::<f64>::new(),
        "the \"c\" cell is not a value"
    );
    let mw = p
        .observations
        .iter()
        .find(|o| o.source == s.id && o.indicator == "mig_workers")
        .expect("mig_workers");
    assert_eq!((mw.period.as_str(), mw.value), ("2024", 123_456.0));
    assert_eq!(mw.footnote.as_deref(), Some("ENOE 2024-Q2, table 3.1"));
    let first_id = s.id.clone();

    // A corrected workbook comes back again: the contribution is replaced, not added twice.
    let mut again = good.clone();
    again.insert(("A.3 mig_workers", 17, 1), Fill::Num(124_000.0));
    let returned2 = dir.path().join("returned-2.xlsx");
    fill(&request, &returned2, &again);
    migprof()
        .arg("import")
        .arg(&returned2)
        .arg("--profile")
        .arg(&profile)
        .assert()
        .success()
        .stdout(predicates::str::contains("0 added, 1 changed, 0 removed"));
    let p = migprof::profile::Profile::from_toml(
        &std::fs::read_to_string(&profile).expect("read"),
        "mex.toml",
    )
    .expect("loads");
    let ids: Vec<&str> = p
        .sources
        .iter()
        .filter(|s| s.format.as_deref() == Some("returned_request"))
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, vec![first_id.as_str()]);
    let values: Vec<f64> = p
        .observations
        .iter()
        .filter(|o| o.indicator == "mig_workers")
        .map(|o| o.value)
        .collect();
    assert_eq!(values, vec![124_000.0]);

    // The report cites the agency for the value.
    let out_dir = dir.path().join("out");
    migprof()
        .arg("build")
        .arg(&profile)
        .args(["--format", "md", "--out"])
        .arg(&out_dir)
        .assert()
        .success();
    let md = std::fs::read_to_string(out_dir.join("mex/report.md")).expect("report");
    let line = md
        .lines()
        .find(|l| l.contains("124,000") && l.contains("INEGI"))
        .unwrap_or_else(|| panic!("no line with 124,000 from INEGI"));
    assert!(
        line.contains("Instituto Nacional de Estadística y Geografía (INEGI)"),
        "{line}"
    );
}

#[test]
fn an_unknown_version_is_refused_and_an_unlisted_agency_warned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = dir.path().join("mex.toml");
    std::fs::copy(root().join("profiles/mex.toml"), &profile).expect("copy example");
    migprof()
        .arg("request")
        .arg(&profile)
        .args(["--agency", "banxico", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let request = dir.path().join("request-mex-banxico.xlsx");
    // Version 2 in the metadata sheet (B2).
    let mut cells = BTreeMap::new();
    cells.insert(("_migprof", 2, 1), Fill::Text("2"));
    let v2 = dir.path().join("v2.xlsx");
    fill(&request, &v2, &cells);
    migprof()
        .arg("import")
        .arg(&v2)
        .arg("--profile")
        .arg(&profile)
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "request format version 2: this build reads version 1",
        ));
    // The agency not in the profile (renamed there): imported under the workbook's name, with a
    // warning.
    let text = std::fs::read_to_string(&profile).expect("read");
    let p2 = dir.path().join("other.toml");
    std::fs::write(
        &p2,
        text.replace("id = \"banxico\"", "id = \"bank_of_mexico\"")
            .replace("agency = \"banxico\"", "agency = \"bank_of_mexico\""),
    )
    .expect("write");
    let mut cells = BTreeMap::new();
    cells.insert(("B.2 remit_in", 17, 1), Fill::Num(64_745.0));
    let filled = dir.path().join("filled.xlsx");
    fill(&request, &filled, &cells);
    migprof()
        .arg("import")
        .arg(&filled)
        .arg("--profile")
        .arg(&p2)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "warning: agency `banxico` is not among the profile's [[agency]] entries",
        ));
    let p = migprof::profile::Profile::from_toml(
        &std::fs::read_to_string(&p2).expect("read"),
        "other.toml",
    )
    .expect("loads");
    let s = p
        .sources
        .iter()
        .find(|s| s.format.as_deref() == Some("returned_request"))
        .expect("the contribution");
    assert!(
        s.citation
            .as_deref()
            .is_some_and(|c| c.starts_with("Banco de México (Banxico): figures returned"))
    );
}
