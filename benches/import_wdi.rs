//! Benchmark (issue 3 item 6): import one country from a WDI-bulk-shaped CSV.
//!
//! ```text
//! python3 scripts/gen-wdi-bulk.py /tmp/WDIData.csv          # ~400k rows, not committed
//! cargo bench --bench import_wdi -- /tmp/WDIData.csv [ISO3] [RUNS]
//! ```
//!
//! Prints the wall time of each run (warm cache after the first), the records found and the
//! process's peak resident memory (`VmHWM` from `/proc/self/status`). See benches/README.md.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Format};
use std::path::PathBuf;
use std::time::Instant;

const INDICATORS: &str = r#"
[[indicator]]
id = "net_migration"
name = "Net migration"
definition = "d"
unit = "persons"
kind = "flow"
section = "B.1"
signed = true
[[indicator.mapping]]
provider = "world_bank_wdi"
format = "wdi_bulk"
series = "SM.POP.NETM"

[[indicator]]
id = "remit_in"
name = "Remittances received"
definition = "d"
unit = "usd"
kind = "money"
section = "C.1"
[[indicator.mapping]]
provider = "world_bank_wdi"
format = "wdi_bulk"
series = "BX.TRF.PWKR.CD.DT"

[[indicator]]
id = "imm_stock"
name = "International migrant stock"
definition = "d"
unit = "persons"
kind = "stock"
section = "A.2"
[[indicator.mapping]]
provider = "world_bank_wdi"
format = "wdi_bulk"
series = "SM.POP.TOTL"
"#;

fn peak_rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(path) = args.first().map(PathBuf::from) else {
        eprintln!(
            "usage: cargo bench --bench import_wdi -- FILE.csv [ISO3] [RUNS]\n\
             (generate FILE.csv with scripts/gen-wdi-bulk.py); nothing to do"
        );
        return;
    };
    let country = args.get(1).cloned().unwrap_or_else(|| "DEU".to_string());
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let catalogue = match Catalogue::from_strs(INDICATORS, "bench", "", "bench") {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let countries = match Countries::embedded() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let ctx = Context {
        catalogue: &catalogue,
        countries: &countries,
        country: Some(&country),
        include_aggregates: false,
        mapping: None,
    };
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "import_wdi: {} ({:.1} MB), country {country}, {runs} runs",
        path.display(),
        size as f64 / 1e6
    );
    let mut times = Vec::new();
    for i in 0..runs {
        let t = Instant::now();
        let out = match ingest::import(&path, Some(Format::WdiBulk), &ctx) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let dt = t.elapsed().as_secs_f64();
        times.push(dt);
        println!(
            "run {}: {:.3} s, {} rows of {country} read, {} records, {} unmapped series, {} warnings",
            i + 1,
            dt,
            out.rows,
            out.records.len(),
            out.unmapped_series.len(),
            out.warnings.len()
        );
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let min = times.first().copied().unwrap_or(0.0);
    println!(
        "wall time: min {min:.3} s, median {median:.3} s; throughput {:.0} MB/s (median)",
        size as f64 / 1e6 / median.max(1e-9)
    );
    match peak_rss_kib() {
        Some(k) => println!("peak RSS (VmHWM): {:.1} MiB", k as f64 / 1024.0),
        None => println!("peak RSS: /proc/self/status not available"),
    }
}
