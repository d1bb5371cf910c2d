//! Disclosure control: primary and secondary suppression, rounding, the mobility check.

use migprof::catalogue::Catalogue;
use migprof::model::{Family, Observation};
use migprof::profile::Disclosure;
use migprof::quality::disclosure::{Cell, Reason, check_mobility, protect};
use std::path::Path;

fn catalogue() -> Catalogue {
    Catalogue::load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quality/catalogue"),
    )
    .expect("fixture catalogue")
}

/// An observation of `refugees_hosted` (persons) 2020 from source `s` with these cells.
fn cell(value: f64, dims: &[(&str, &str)]) -> Observation {
    let mut o = Observation::new("refugees_hosted", "2020", value, "s");
    for (k, v) in dims {
        o.disaggregation.insert(k.to_string(), v.to_string());
    }
    o
}

fn run(obs: &[Observation], settings: &Disclosure) -> Vec<Cell> {
    let refs: Vec<&Observation> = obs.iter().collect();
    protect(&refs, &catalogue(), settings)
}

/// For every line (a published total and its cells one dimension deeper), the number of
/// suppressed cells must not be exactly one: otherwise total minus the others reveals it.
fn assert_not_recoverable(obs: &[Observation], cells: &[Cell]) {
    for (t, total) in obs.iter().enumerate() {
        let mut by_dim: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
        for (i, o) in obs.iter().enumerate() {
            if o.disaggregation.len() == total.disaggregation.len() + 1
                && total
                    .disaggregation
                    .iter()
                    .all(|(k, v)| o.disaggregation.get(k) == Some(v))
            {
                let d = o
                    .disaggregation
                    .keys()
                    .find(|k| !total.disaggregation.contains_key(*k))
                    .unwrap();
                by_dim.entry(d.as_str()).or_default().push(i);
            }
        }
        for (d, line) in by_dim {
            let n = line.iter().filter(|&&i| cells[i].is_suppressed()).count();
            if cells[t].is_suppressed() {
                assert_ne!(
                    n, 0,
                    "suppressed total #{t} is the sum of its published {d} cells: {cells:?}"
                );
            } else {
                assert_ne!(
                    n, 1,
                    "one suppressed cell in the {d} line of total #{t} is recoverable: {cells:?}"
                );
            }
        }
    }
}

#[test]
fn primary_suppression_hides_small_disaggregated_counts_only() {
    // No published total for these cells, so only primary suppression applies.
    let mut lone_total = cell(3.0, &[]);
    lone_total.period = "2019".into();
    let obs = vec![
        lone_total, // a total below the threshold is not suppressed
        cell(3.0, &[("origin", "SYR")]),
        cell(0.0, &[("origin", "AFG")]),  // zero reveals nobody
        cell(5.0, &[("origin", "IRQ")]),  // at the threshold: shown
        cell(-2.0, &[("origin", "ERI")]), // small in absolute value
    ];
    let cells = run(&obs, &Disclosure::default());
    assert_eq!(
        cells,
        vec![
            Cell::Shown(3.0),
            Cell::Suppressed(Reason::Primary),
            Cell::Shown(0.0),
            Cell::Shown(5.0),
            Cell::Suppressed(Reason::Primary),
        ]
    );
    let higher = Disclosure {
        threshold: 10,
        ..Disclosure::default()
    };
    assert_eq!(run(&obs, &higher)[3], Cell::Suppressed(Reason::Primary));
}

#[test]
fn a_single_suppressed_cell_is_protected_by_a_second_one() {
    // Total 20 = 3 + 8 + 9: without secondary suppression, 3 = 20 - 8 - 9.
    let obs = vec![
        cell(20.0, &[]),
        cell(3.0, &[("origin", "SYR")]),
        cell(8.0, &[("origin", "AFG")]),
        cell(9.0, &[("origin", "IRQ")]),
    ];
    let cells = run(&obs, &Disclosure::default());
    assert_eq!(
        cells,
        vec![
            Cell::Shown(20.0),
            Cell::Suppressed(Reason::Primary),
            Cell::Suppressed(Reason::Secondary), // the next smallest
            Cell::Shown(9.0),
        ]
    );
    assert_not_recoverable(&obs, &cells);
}

#[test]
fn without_secondary_suppression_the_cell_would_be_recoverable() {
    // The same table, seen through primary suppression only, leaks: check the checker.
    let obs = vec![
        cell(20.0, &[]),
        cell(3.0, &[("origin", "SYR")]),
        cell(8.0, &[("origin", "AFG")]),
        cell(9.0, &[("origin", "IRQ")]),
    ];
    let primary_only = vec![
        Cell::Shown(20.0),
        Cell::Suppressed(Reason::Primary),
        Cell::Shown(8.0),
        Cell::Shown(9.0),
    ];
    let leaked = std::panic::catch_unwind(|| assert_not_recoverable(&obs, &primary_only));
    assert!(leaked.is_err(), "the checker must see the leak");
    // And the recovered value is the suppressed one.
    assert_eq!(20.0 - 8.0 - 9.0, obs[1].value);
}

#[test]
fn a_line_with_no_other_cell_suppresses_its_total() {
    let obs = vec![cell(4.0, &[("sex", "F")]), cell(4.0, &[])];
    let cells = run(&obs, &Disclosure::default());
    assert_eq!(
        cells,
        vec![
            Cell::Suppressed(Reason::Primary),
            Cell::Suppressed(Reason::Secondary)
        ]
    );
}

#[test]
fn two_way_tables_are_protected_in_rows_and_columns() {
    // origin x sex with margins and a grand total.
    //            F    M   | total
    //   SYR      2   30   |  32
    //   AFG     12   14   |  26
    //   IRQ     20   21   |  41
    //   total   34   65   |  99
    let mut obs = vec![cell(99.0, &[])];
    let rows = [("SYR", 2.0, 30.0), ("AFG", 12.0, 14.0), ("IRQ", 20.0, 21.0)];
    for (o, f, m) in rows {
        obs.push(cell(f, &[("origin", o), ("sex", "F")]));
        obs.push(cell(m, &[("origin", o), ("sex", "M")]));
        obs.push(cell(f + m, &[("origin", o)]));
    }
    obs.push(cell(34.0, &[("sex", "F")]));
    obs.push(cell(65.0, &[("sex", "M")]));
    let cells = run(&obs, &Disclosure::default());
    assert_not_recoverable(&obs, &cells);
    let suppressed: Vec<(String, f64, Reason)> = obs
        .iter()
        .zip(&cells)
        .filter_map(|(o, c)| match c {
            Cell::Suppressed(r) => Some((format!("{:?}", o.disaggregation), o.value, *r)),
            _ => None,
        })
        .collect();
    // SYR/F is primary; its row (SYR) forces SYR/M, its column (F) forces AFG/F; then the M
    // column has one suppressed cell (SYR/M) and gets AFG/M; the AFG row then has two.
    assert_eq!(suppressed.len(), 4, "{suppressed:?}");
    assert_eq!(
        suppressed.iter().filter(|s| s.2 == Reason::Primary).count(),
        1
    );
    assert!(cells[0] == Cell::Shown(99.0));
}

#[test]
fn a_hidden_subtotal_is_not_left_as_the_sum_of_its_cells() {
    // Grand total 30 = SYR 3 + AFG 12 + IRQ 15; AFG = F 6 + M 6.
    // SYR is primary; AFG (12) is the next smallest in the origin line and is hidden; AFG would
    // then be 6 + 6, giving SYR = 30 - 12 - 15, so one AFG cell is hidden as well.
    let obs = vec![
        cell(30.0, &[]),
        cell(3.0, &[("origin", "SYR")]),
        cell(12.0, &[("origin", "AFG")]),
        cell(15.0, &[("origin", "IRQ")]),
        cell(6.0, &[("origin", "AFG"), ("sex", "F")]),
        cell(6.0, &[("origin", "AFG"), ("sex", "M")]),
    ];
    let cells = run(&obs, &Disclosure::default());
    assert_eq!(
        cells,
        vec![
            Cell::Shown(30.0),
            Cell::Suppressed(Reason::Primary),
            Cell::Suppressed(Reason::Secondary),
            Cell::Shown(15.0),
            Cell::Suppressed(Reason::Secondary),
            Cell::Shown(6.0),
        ]
    );
    assert_not_recoverable(&obs, &cells);
}

#[test]
fn tables_are_separate_per_period_and_source() {
    let mut a = cell(3.0, &[("origin", "SYR")]);
    a.period = "2019".into();
    let mut b = cell(30.0, &[]);
    b.period = "2020".into();
    let c = cell(27.0, &[("origin", "AFG")]);
    let obs = vec![a, b, c];
    let cells = run(&obs, &Disclosure::default());
    // 2019 has no published total, so nothing more to hide; 2020 has no small cell.
    assert_eq!(
        cells,
        vec![
            Cell::Suppressed(Reason::Primary),
            Cell::Shown(30.0),
            Cell::Shown(27.0)
        ]
    );
}

#[test]
fn rounding_to_base_5_and_10_is_marked() {
    let obs = vec![
        cell(1234.0, &[]),
        cell(17.0, &[("origin", "SYR")]),
        cell(12.5, &[("origin", "AFG")]),
        cell(1204.5, &[("origin", "IRQ")]),
    ];
    let five = Disclosure {
        rounding: Some(5),
        ..Disclosure::default()
    };
    let cells = run(&obs, &five);
    assert_eq!(
        cells,
        vec![
            Cell::Rounded(1235.0),
            Cell::Rounded(15.0),
            Cell::Rounded(15.0),
            Cell::Rounded(1205.0)
        ]
    );
    assert!(cells.iter().all(|c| c.marker() == "r"));
    let ten = Disclosure {
        rounding: Some(10),
        ..Disclosure::default()
    };
    assert_eq!(run(&obs, &ten)[0], Cell::Rounded(1230.0));
    // Suppressed cells stay suppressed, and values that are not counts are never touched.
    let mut share = Observation::new("recruitment_cost", "2020", 1.234, "s");
    share.disaggregation.insert("corridor".into(), "X".into());
    let mixed = vec![cell(2.0, &[("origin", "SYR")]), share];
    let cells = run(&mixed, &ten);
    assert_eq!(cells[0].marker(), "s");
    assert_eq!(cells[0].value(), None);
    assert_eq!(cells[1], Cell::Shown(1.234));
}

#[test]
fn small_mobility_aggregates_are_refused_at_import() {
    let cat = catalogue();
    let mut small = Observation::new("cdr_od_flows", "2020-03", 7.0, "");
    small
        .disaggregation
        .insert("origin_area".into(), "A".into());
    small
        .disaggregation
        .insert("destination_area".into(), "B".into());
    let big = Observation::new("cdr_od_flows", "2020-03", 15.0, "");
    let zero = Observation::new("cdr_od_flows", "2020-04", 0.0, "");
    let err = check_mobility(
        [&small, &big, &zero],
        &cat,
        Family::NonTraditional,
        15,
        "od.csv",
    )
    .unwrap_err();
    assert!(err.starts_with("od.csv: refused: 1 value(s)"), "{err}");
    assert!(err.contains("threshold of 15"), "{err}");
    assert!(
        err.contains("cdr_od_flows 2020-03 destination_area=B origin_area=A = 7"),
        "{err}"
    );
    assert!(check_mobility([&big, &zero], &cat, Family::NonTraditional, 15, "od.csv").is_ok());
    // Other families are not concerned; a lower agreed threshold lets it through.
    assert!(check_mobility([&small], &cat, Family::Government, 15, "x").is_ok());
    assert!(check_mobility([&small], &cat, Family::NonTraditional, 5, "x").is_ok());
}

proptest::proptest! {
    /// Any two-way table with margins: after protection no line leaks a hidden cell.
    #[test]
    fn no_random_two_way_table_leaks(
        values in proptest::collection::vec(proptest::collection::vec(0u32..30, 1..4), 1..6)
    ) {
        let ncol = values.iter().map(|r| r.len()).min().unwrap_or(1);
        let mut obs = Vec::new();
        let mut col_tot = vec![0.0; ncol];
        let mut grand = 0.0;
        for (r, row) in values.iter().enumerate() {
            let origin = format!("O{r}");
            let mut row_tot = 0.0;
            for (c, v) in row.iter().take(ncol).enumerate() {
                let v = *v as f64;
                let sex = format!("S{c}");
                obs.push(cell(v, &[("origin", origin.as_str()), ("sex", sex.as_str())]));
                row_tot += v;
                col_tot[c] += v;
            }
            obs.push(cell(row_tot, &[("origin", origin.as_str())]));
            grand += row_tot;
        }
        for (c, v) in col_tot.iter().enumerate() {
            let sex = format!("S{c}");
            obs.push(cell(*v, &[("sex", sex.as_str())]));
        }
        obs.push(cell(grand, &[]));
        let cells = run(&obs, &Disclosure::default());
        assert_not_recoverable(&obs, &cells);
        // Every small non-zero cell is hidden.
        for (o, c) in obs.iter().zip(&cells) {
            if !o.is_total() && o.value > 0.0 && o.value < 5.0 {
                proptest::prop_assert!(c.is_suppressed());
            }
        }
    }
}
