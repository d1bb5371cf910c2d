//! The package around document.xml: zip, content types, relationships, styles, settings,
//! document properties, header and footer.

use super::{MARGIN, PAGE_H, PAGE_W, W_NS, esc};
use crate::render::RenderError;
use crate::render::doc::Doc;
use std::fmt::Write as _;
use std::io::Write as _;

/// The .docx package: document.xml from `body` (the content of w:body), footnotes.xml from
/// `notes` (the w:footnote elements), and the parts around them; the pictures of its first
/// `figures` figures are added by [`Prepared::finish`].
pub(super) fn package(
    doc: &Doc,
    page: &'static str,
    body: &str,
    notes: &str,
    figures: usize,
) -> Result<Prepared, RenderError> {
    let parts = Parts {
        lang: lang_tag(&doc.lang),
        banner: doc.banner.as_deref(),
        page,
        figures: doc.figures.len().min(figures),
    };
    let footnotes = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:footnotes {W_NS}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"
    );
    let (types, core, document) = (parts.content_types(), core(doc), parts.document(body));
    let (styles, footer, header, rels) = (
        styles(&parts.lang),
        parts.footer(),
        parts.header(),
        parts.rels(),
    );
    let mut files: Vec<(String, &[u8], bool)> = vec![
        ("[Content_Types].xml".into(), types.as_bytes(), true),
        ("_rels/.rels".into(), ROOT_RELS.as_bytes(), true),
        ("docProps/core.xml".into(), core.as_bytes(), true),
        ("docProps/app.xml".into(), APP.as_bytes(), true),
        ("word/document.xml".into(), document.as_bytes(), true),
        ("word/styles.xml".into(), styles.as_bytes(), true),
        ("word/settings.xml".into(), SETTINGS.as_bytes(), true),
        ("word/footnotes.xml".into(), footnotes.as_bytes(), true),
        ("word/footer1.xml".into(), footer.as_bytes(), true),
    ];
    if let Some(h) = &header {
        files.push(("word/header1.xml".into(), h.as_bytes(), true));
    }
    files.push(("word/_rels/document.xml.rels".into(), rels.as_bytes(), true));
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(1 << 20)));
    for (name, bytes, deflate) in files {
        add(&mut z, name, bytes, deflate)?;
    }
    Ok(Prepared {
        zip: z,
        figures: parts.figures,
    })
}

/// A .docx package without its pictures ([`super::prepare`]).
pub struct Prepared {
    zip: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    figures: usize,
}

impl Prepared {
    /// The package with its pictures: `pngs[i]` is figure i + 1, one for each figure the
    /// document was prepared with.
    pub fn finish(mut self, pngs: &[Vec<u8>]) -> Result<Vec<u8>, RenderError> {
        if pngs.len() < self.figures {
            return Err(RenderError::Other(format!(
                "writing report.docx: {} pictures for {} figures",
                pngs.len(),
                self.figures
            )));
        }
        for (i, png) in pngs.iter().take(self.figures).enumerate() {
            // PNG is compressed already: stored, not deflated.
            let name = format!("word/media/figure-{:02}.png", i + 1);
            add(&mut self.zip, name, png, false)?;
        }
        Ok(self.zip.finish().map_err(zip_err)?.into_inner())
    }
}

fn zip_err(e: zip::result::ZipError) -> RenderError {
    RenderError::Other(format!("writing report.docx: {e}"))
}

/// One file into the zip: deflated (fast) or stored.
fn add(
    z: &mut zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    name: String,
    bytes: &[u8],
    deflate: bool,
) -> Result<(), RenderError> {
    use zip::write::SimpleFileOptions;
    let base = SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let opts = if deflate {
        base.compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
    } else {
        // PNG is compressed already.
        base.compression_method(zip::CompressionMethod::Stored)
    };
    z.start_file(name, opts).map_err(zip_err)?;
    z.write_all(bytes)
        .map_err(|e| RenderError::Other(format!("writing report.docx: {e}")))
}

/// A BCP 47 tag for w:lang from the profile's language code (`en` becomes `en-GB`).
fn lang_tag(lang: &str) -> String {
    let ok = !lang.is_empty() && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    match lang {
        _ if !ok => "en-GB".into(),
        "en" => "en-GB".into(),
        "fr" => "fr-FR".into(),
        "es" => "es-ES".into(),
        l => l.into(),
    }
}

struct Parts<'a> {
    lang: String,
    banner: Option<&'a str>,
    page: &'static str,
    figures: usize,
}

impl Parts<'_> {
    fn document(&self, body: &str) -> String {
        let header = if self.banner.is_some() {
            "<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>"
        } else {
            ""
        };
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {W_NS} xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>{body}<w:sectPr>{header}<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/><w:footnotePr><w:numFmt w:val=\"lowerLetter\"/></w:footnotePr><w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:cols w:space=\"708\"/><w:titlePg/></w:sectPr></w:body></w:document>"
        )
    }

    fn footer(&self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{} </w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>",
            esc(self.page)
        )
    }

    /// The banner on every page after the title page (which shows it in full).
    fn header(&self) -> Option<String> {
        self.banner.map(|b| {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {W_NS}><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:hdr>",
                esc(b)
            )
        })
    }

    fn rels(&self) -> String {
        let mut r = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/><Relationship Id=\"rIdFootnotes\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/><Relationship Id=\"rIdFooter1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
        );
        if self.banner.is_some() {
            r.push_str("<Relationship Id=\"rIdHeader1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>");
        }
        for i in 1..=self.figures {
            let _ = write!(
                r,
                "<Relationship Id=\"rIdImg{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/figure-{i:02}.png\"/>"
            );
        }
        r.push_str("</Relationships>");
        r
    }

    fn content_types(&self) -> String {
        let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
        let mut c = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Override PartName=\"/word/document.xml\" ContentType=\"{main}.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"{main}.styles+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"{main}.settings+xml\"/><Override PartName=\"/word/footnotes.xml\" ContentType=\"{main}.footnotes+xml\"/><Override PartName=\"/word/footer1.xml\" ContentType=\"{main}.footer+xml\"/>"
        );
        if self.banner.is_some() {
            let _ = write!(
                c,
                "<Override PartName=\"/word/header1.xml\" ContentType=\"{main}.header+xml\"/>"
            );
        }
        c.push_str("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>");
        c
    }
}

/// Document properties: title, authors, language; no dates, so the bytes do not change.
fn core(doc: &Doc) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><dc:language>{}</dc:language></cp:coreProperties>",
        esc(&doc.title),
        esc(&doc.country),
        esc(&doc.authors.join("; ")),
        esc(&lang_tag(&doc.lang))
    )
}

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>migprof</Application></Properties>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";

/// `updateFields` makes Word offer to update the contents (page numbers) on opening.
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:defaultTabStop w:val=\"709\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:updateFields w:val=\"true\"/><w:footnotePr><w:numFmt w:val=\"lowerLetter\"/><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";

/// One paragraph style: (id, name, based on, paragraph properties, run properties).
const PARA_STYLES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Title",
        "Title",
        "Normal",
        "<w:spacing w:before=\"3600\" w:after=\"240\"/>",
        "<w:b/><w:color w:val=\"0033A0\"/><w:sz w:val=\"64\"/>",
    ),
    (
        "Subtitle",
        "Subtitle",
        "Normal",
        "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"36\" w:space=\"8\" w:color=\"0033A0\"/></w:pBdr><w:spacing w:after=\"480\"/>",
        "<w:color w:val=\"212529\"/><w:sz w:val=\"40\"/>",
    ),
    (
        "TitleInfo",
        "Title page line",
        "Normal",
        "<w:spacing w:after=\"60\"/>",
        "<w:color w:val=\"5A626A\"/><w:sz w:val=\"24\"/>",
    ),
    (
        "Banner",
        "Banner",
        "Normal",
        "<w:pBdr><w:top w:val=\"single\" w:sz=\"18\" w:space=\"4\" w:color=\"B00020\"/><w:left w:val=\"single\" w:sz=\"18\" w:space=\"4\" w:color=\"B00020\"/><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"4\" w:color=\"B00020\"/><w:right w:val=\"single\" w:sz=\"18\" w:space=\"4\" w:color=\"B00020\"/></w:pBdr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFF4F4\"/><w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/>",
        "<w:b/><w:color w:val=\"B00020\"/><w:sz w:val=\"32\"/>",
    ),
    (
        "TOCHeading",
        "TOC Heading",
        "Normal",
        "<w:keepNext/><w:pageBreakBefore/><w:spacing w:after=\"240\"/>",
        "<w:b/><w:color w:val=\"0033A0\"/><w:sz w:val=\"36\"/>",
    ),
    (
        "Heading1",
        "heading 1",
        "Normal",
        "<w:keepNext/><w:keepLines/><w:pageBreakBefore/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"2\" w:color=\"0033A0\"/></w:pBdr><w:spacing w:before=\"0\" w:after=\"240\"/><w:outlineLvl w:val=\"0\"/>",
        "<w:b/><w:color w:val=\"0033A0\"/><w:sz w:val=\"36\"/>",
    ),
    (
        "Heading2",
        "heading 2",
        "Normal",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>",
        "<w:b/><w:color w:val=\"0033A0\"/><w:sz w:val=\"28\"/>",
    ),
    (
        "Heading3",
        "heading 3",
        "Normal",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/>",
        "<w:b/><w:color w:val=\"212529\"/><w:sz w:val=\"22\"/>",
    ),
    (
        "TOC1",
        "toc 1",
        "Normal",
        "<w:spacing w:before=\"120\" w:after=\"40\"/>",
        "<w:b/>",
    ),
    (
        "TOC2",
        "toc 2",
        "Normal",
        "<w:spacing w:after=\"20\"/><w:ind w:left=\"340\"/>",
        "",
    ),
    (
        "ListHeading",
        "List heading",
        "Normal",
        "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"160\"/>",
        "<w:b/><w:color w:val=\"0033A0\"/><w:sz w:val=\"28\"/>",
    ),
    (
        "TableofFigures",
        "table of figures",
        "Normal",
        "<w:spacing w:after=\"20\"/><w:ind w:left=\"340\" w:hanging=\"340\"/>",
        "<w:sz w:val=\"18\"/>",
    ),
    (
        "Disclaimer",
        "Disclaimer",
        "Normal",
        "<w:spacing w:after=\"80\"/>",
        "<w:color w:val=\"5A626A\"/><w:sz w:val=\"16\"/>",
    ),
    (
        "Caption",
        "caption",
        "Normal",
        "<w:spacing w:before=\"60\" w:after=\"200\"/>",
        "<w:b/><w:color w:val=\"212529\"/><w:sz w:val=\"18\"/>",
    ),
    (
        "FigurePara",
        "Figure",
        "Normal",
        "<w:keepNext/><w:spacing w:before=\"200\" w:after=\"0\"/><w:jc w:val=\"center\"/>",
        "",
    ),
    (
        "TableText",
        "Table text",
        "Normal",
        "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
        "<w:sz w:val=\"17\"/>",
    ),
    (
        "TableNotes",
        "Table notes",
        "Normal",
        "<w:spacing w:before=\"60\" w:after=\"200\"/>",
        "<w:color w:val=\"5A626A\"/><w:sz w:val=\"16\"/>",
    ),
    (
        "Note",
        "Note",
        "Normal",
        "",
        "<w:i/><w:color w:val=\"5A626A\"/><w:sz w:val=\"18\"/>",
    ),
    (
        "Generated",
        "Generated from the data",
        "Normal",
        "<w:pBdr><w:left w:val=\"single\" w:sz=\"18\" w:space=\"6\" w:color=\"F2A900\"/></w:pBdr><w:ind w:left=\"160\"/>",
        "",
    ),
    (
        "KeyLabel",
        "Key figure label",
        "Normal",
        "<w:spacing w:after=\"0\"/>",
        "<w:b/><w:sz w:val=\"18\"/>",
    ),
    (
        "KeyValue",
        "Key figure value",
        "Normal",
        "<w:spacing w:after=\"0\"/>",
        "<w:b/><w:color w:val=\"0033A0\"/><w:sz w:val=\"32\"/>",
    ),
    (
        "KeyNote",
        "Key figure note",
        "Normal",
        "<w:spacing w:after=\"0\"/>",
        "<w:b/><w:color w:val=\"8A3B00\"/><w:sz w:val=\"15\"/>",
    ),
    (
        "KeySource",
        "Key figure source",
        "Normal",
        "<w:spacing w:after=\"0\"/>",
        "<w:color w:val=\"5A626A\"/><w:sz w:val=\"15\"/>",
    ),
    (
        "FootnoteText",
        "footnote text",
        "Normal",
        "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
        "<w:sz w:val=\"16\"/>",
    ),
    (
        "Header",
        "header",
        "Normal",
        "<w:jc w:val=\"center\"/>",
        "<w:b/><w:color w:val=\"B00020\"/><w:sz w:val=\"18\"/>",
    ),
    (
        "Footer",
        "footer",
        "Normal",
        "<w:jc w:val=\"center\"/>",
        "<w:color w:val=\"5A626A\"/><w:sz w:val=\"18\"/>",
    ),
];

fn styles(lang: &str) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:color w:val=\"212529\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"{}\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"140\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
        esc(lang)
    );
    for (id, name, based, ppr, rpr) in PARA_STYLES {
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"{based}\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        );
    }
    // Table cell text at each font size a table may use (see layout), left and right aligned.
    for size in 12..=17 {
        for (id, jc) in [("TableText", ""), ("TableNum", "<w:jc w:val=\"right\"/>")] {
            let _ = write!(
                s,
                "<w:style w:type=\"paragraph\" w:styleId=\"{id}{size}\"><w:name w:val=\"{id} {size}\"/><w:basedOn w:val=\"TableText\"/><w:pPr>{jc}</w:pPr><w:rPr><w:sz w:val=\"{size}\"/></w:rPr></w:style>"
            );
        }
    }
    s.push_str("<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style><w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/><w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style><w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr><w:color w:val=\"0033A0\"/></w:rPr></w:style><w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style><w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report table\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"0033A0\"/><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"0033A0\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"DEE2E6\"/></w:tblBorders><w:tblCellMar><w:top w:w=\"30\" w:type=\"dxa\"/><w:left w:w=\"60\" w:type=\"dxa\"/><w:bottom w:w=\"30\" w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>");
    s
}
