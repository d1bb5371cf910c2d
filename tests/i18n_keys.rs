//! Every Fluent message id the code names (a string literal in src/ of the shape `prefix-word-...`
//! whose prefix is one the English catalogue uses: `r-`, `stmt-`, `chart-`, ...) exists in the
//! English catalogue, so no report ever shows a bare message id.

use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).expect("read src") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            // Code only: comments may quote anything.
            let text = std::fs::read_to_string(&p).expect("read");
            let code: Vec<&str> = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect();
            out.push(code.join("\n"));
        }
    }
}

#[test]
fn every_message_id_used_in_the_code_is_in_english() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    let en = std::fs::read_to_string(root.join("assets/i18n/en.ftl")).expect("en.ftl");
    let defined: Vec<&str> = en
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .collect();
    let prefixes: std::collections::BTreeSet<&str> = defined
        .iter()
        .filter_map(|k| k.split_once('-').map(|(p, _)| p))
        .collect();
    let mut missing = Vec::new();
    let mut used = 0;
    for text in &files {
        for part in text.split('"').skip(1).step_by(2) {
            let is_id = part
                .split_once('-')
                .is_some_and(|(p, rest)| prefixes.contains(p) && !rest.is_empty())
                && !part.ends_with('-')
                && !part.contains("--")
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if is_id {
                used += 1;
                if !defined.contains(&part) {
                    missing.push(part.to_string());
                }
            }
        }
    }
    assert!(
        used > 100,
        "found only {used} message ids: the scan is broken"
    );
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "message ids missing from en.ftl: {missing:?}"
    );
}
