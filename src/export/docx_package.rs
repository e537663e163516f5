//! A DOCX package in memory: its parts by name, relationships, content
//! types, and the built-in skeleton the export starts from when the user
//! gives no template.
//!
//! The same code takes the user's template (`--template REF.docx`, like
//! pandoc's `--reference-doc`): every part of the template is kept (styles,
//! numbering, theme, settings, headers, footers, fonts), the body of its
//! main document is replaced by the report's, keeping the template's final
//! `w:sectPr` (page size, margins, header and footer references), and the
//! styles the export needs are looked up by name and added only when the
//! template lacks them.

use std::collections::BTreeSet;
use std::io::{Cursor, Read as _, Write as _};

use quick_xml::events::Event;

use super::docx::{CoreProperties, ImageRef, escape};

pub const WORD_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_BASE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const OFFICE_DOCUMENT: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const CORE_PROPERTIES: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
const CT_DOCUMENT: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const CT_TEMPLATE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml";
const CT_NUMBERING: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
const CT_STYLES: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
const CT_THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
const CT_FONT_TABLE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
const CT_CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
/// Parts larger than this are refused when reading a package (a zip bomb).
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// The text width of the skeleton (A4, 2.5 cm margins): 16 cm.
const DEFAULT_TEXT_WIDTH_TWIPS: u32 = 9_071;

/// Why a file is not a DOCX package we can read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum PackageError {
    #[error("the document is encrypted (password-protected); save it without a password first")]
    Encrypted,
    #[error("not a Word document (not a zip package)")]
    NotZip,
    #[error("the document is truncated or damaged ({0})")]
    Damaged(String),
    #[error("not a Word document (no main document part)")]
    NoDocument,
    #[error("a part of the document is too large ({0})")]
    TooLarge(String),
}

/// The style ids the body uses, as found (or added) in the package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleIds {
    pub title: String,
    /// Heading 1, 2, 3.
    pub headings: Vec<String>,
    pub caption: String,
    pub table: String,
    pub list_bullet: String,
}

/// A DOCX package: its parts in order, names without a leading `/`.
#[derive(Clone, Debug)]
pub struct Package {
    parts: Vec<(String, Vec<u8>)>,
    /// The main document part (`word/document.xml`).
    main: String,
    images: usize,
}

impl Package {
    /// Reads a package from bytes: every part, the main document found
    /// through the package relationships.
    pub fn read(bytes: &[u8]) -> Result<Self, PackageError> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(PackageError::Encrypted);
        }
        if !bytes.starts_with(b"PK") {
            return Err(PackageError::NotZip);
        }
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|error| PackageError::Damaged(error.to_string()))?;
        let mut parts = Vec::with_capacity(archive.len());
        for index in 0..archive.len() {
            let mut entry = archive
                .by_index(index)
                .map_err(|error| PackageError::Damaged(error.to_string()))?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().unwrap_or_default().into_owned();
            if entry.size() > MAX_PART_BYTES {
                return Err(PackageError::TooLarge(name));
            }
            let mut data = Vec::with_capacity(entry.size() as usize);
            (&mut entry)
                .take(MAX_PART_BYTES + 1)
                .read_to_end(&mut data)
                .map_err(|error| PackageError::Damaged(format!("{name}: {error}")))?;
            parts.push((name, data));
        }
        let mut package = Self {
            parts,
            main: String::new(),
            images: 0,
        };
        package.main = package
            .relationships("")
            .into_iter()
            .find(|rel| rel.kind == OFFICE_DOCUMENT)
            .map(|rel| rel.target)
            .unwrap_or_else(|| "word/document.xml".to_owned());
        if package.part(&package.main).is_none() {
            return Err(PackageError::NoDocument);
        }
        Ok(package)
    }

    /// The user's template (a .docx or .dotx), ready to receive a body.
    pub fn from_template(bytes: &[u8]) -> Result<Self, String> {
        let mut package = Self::read(bytes).map_err(|error| error.to_string())?;
        // A .dotx's main part becomes a document's.
        if let Some(types) = package.part_text("[Content_Types].xml") {
            let types = types.replace(CT_TEMPLATE, CT_DOCUMENT);
            package.set_part("[Content_Types].xml", types.into_bytes());
        }
        // Word 2010's copy of the styles would disagree with the styles
        // the export adds; Word writes it again when it saves.
        package.drop_related_parts("stylesWithEffects");
        // Word wants a theme and a font table; a template without them
        // gets the skeleton's.
        package.ensure_related_part("theme", "word/theme/theme1.xml", CT_THEME, THEME);
        package.ensure_related_part("fontTable", "word/fontTable.xml", CT_FONT_TABLE, FONT_TABLE);
        Ok(package)
    }

    /// Removes the parts the main document relates with `kind`, their
    /// relationships and content types.
    fn drop_related_parts(&mut self, kind: &str) {
        let main = self.main.clone();
        for relationship in self.relationships(&main) {
            if relationship.kind.rsplit('/').next() != Some(kind) {
                continue;
            }
            self.parts.retain(|(name, _)| name != &relationship.target);
            let rels = rels_name(&main);
            if let Some(text) = self.part_text(&rels) {
                let text = remove_element_with(
                    &text,
                    "<Relationship ",
                    &format!("Id=\"{}\"", relationship.id),
                );
                self.set_part(&rels, text.into_bytes());
            }
            if let Some(types) = self.part_text("[Content_Types].xml") {
                let types = remove_element_with(
                    &types,
                    "<Override ",
                    &format!("PartName=\"/{}\"", relationship.target),
                );
                self.set_part("[Content_Types].xml", types.into_bytes());
            }
        }
    }

    /// Adds `text` as a part related from the main document with a
    /// relationship of `kind` unless the main document has one.
    fn ensure_related_part(&mut self, kind: &str, name: &str, content_type: &str, text: &str) {
        let main = self.main.clone();
        if self.related_part(&main, kind).is_some() {
            return;
        }
        let mut name = name.to_owned();
        let mut counter = 1;
        while self.part(&name).is_some() {
            counter += 1;
            name = format!("word/va-{kind}{counter}.xml");
        }
        self.set_part(&name, text.as_bytes().to_vec());
        let target = relative_target(&main, &name);
        self.add_relationship(&main, &format!("{REL_BASE}{kind}"), &target);
        self.ensure_override(&name, content_type);
    }

    /// The built-in skeleton: A4 portrait with 2.5 cm margins, Calibri,
    /// the styles the export uses, a bullet list, a theme.
    pub fn skeleton() -> Self {
        let parts = [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", PACKAGE_RELS),
            ("docProps/app.xml", APP),
            ("docProps/core.xml", ""),
            ("word/document.xml", DOCUMENT),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
            ("word/styles.xml", STYLES),
            ("word/settings.xml", SETTINGS),
            ("word/numbering.xml", NUMBERING),
            ("word/theme/theme1.xml", THEME),
            ("word/fontTable.xml", FONT_TABLE),
        ];
        Self {
            parts: parts
                .iter()
                .map(|(name, text)| ((*name).to_owned(), text.as_bytes().to_vec()))
                .collect(),
            main: "word/document.xml".to_owned(),
            images: 0,
        }
    }

    pub fn main_part_name(&self) -> &str {
        &self.main
    }

    pub fn part(&self, name: &str) -> Option<&[u8]> {
        self.parts
            .iter()
            .find(|(part, _)| part == name)
            .map(|(_, data)| data.as_slice())
    }

    pub fn part_text(&self, name: &str) -> Option<String> {
        self.part(name)
            .map(|data| String::from_utf8_lossy(data).into_owned())
    }

    pub fn set_part(&mut self, name: &str, data: Vec<u8>) {
        match self.parts.iter_mut().find(|(part, _)| part == name) {
            Some((_, existing)) => *existing = data,
            None => self.parts.push((name.to_owned(), data)),
        }
    }

    /// The relationships of `source` ("" for the package), targets resolved
    /// to part names (external targets left as written).
    pub fn relationships(&self, source: &str) -> Vec<Relationship> {
        let Some(xml) = self.part(&rels_name(source)) else {
            return Vec::new();
        };
        let base = source.rsplit_once('/').map_or("", |(dir, _)| dir);
        let mut found = Vec::new();
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut buffer = Vec::new();
        loop {
            match reader.read_event_into(&mut buffer) {
                Ok(Event::Start(element) | Event::Empty(element))
                    if element.local_name().as_ref() == b"Relationship" =>
                {
                    let id = attribute(&element, b"Id").unwrap_or_default();
                    let kind = attribute(&element, b"Type").unwrap_or_default();
                    let target = attribute(&element, b"Target").unwrap_or_default();
                    let external = attribute(&element, b"TargetMode")
                        .is_some_and(|mode| mode.eq_ignore_ascii_case("External"));
                    let target = if external {
                        target
                    } else {
                        resolve(base, &target)
                    };
                    found.push(Relationship { id, kind, target });
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
            buffer.clear();
        }
        found
    }

    /// The part `source` points at with a relationship of `kind` (its last
    /// path segment, e.g. `styles`).
    fn related_part(&self, source: &str, kind: &str) -> Option<String> {
        self.relationships(source)
            .into_iter()
            .find(|rel| rel.kind.rsplit('/').next() == Some(kind))
            .map(|rel| rel.target)
    }

    /// Adds a relationship from `source`; returns its id.
    fn add_relationship(&mut self, source: &str, kind: &str, target: &str) -> String {
        let name = rels_name(source);
        let existing: BTreeSet<String> = self
            .relationships(source)
            .into_iter()
            .map(|rel| rel.id)
            .collect();
        let id = (1..)
            .map(|n| format!("rIdVa{n}"))
            .find(|id| !existing.contains(id))
            .unwrap_or_default();
        let text = self.part_text(&name).unwrap_or_else(|| {
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>"
                .to_owned()
        });
        let relationship = format!(
            "<Relationship Id=\"{id}\" Type=\"{}\" Target=\"{}\"/>",
            escape(kind),
            escape(target)
        );
        self.set_part(
            &name,
            insert_before_last(&text, "</", &relationship).into_bytes(),
        );
        id
    }

    fn ensure_default_content_type(&mut self, extension: &str, content_type: &str) {
        let Some(types) = self.part_text("[Content_Types].xml") else {
            return;
        };
        let needle = format!("Extension=\"{extension}\"");
        if types.to_ascii_lowercase().contains(&needle) {
            return;
        }
        let entry = format!("<Default Extension=\"{extension}\" ContentType=\"{content_type}\"/>");
        // Defaults first, as Word writes them (the schema allows any order).
        let types = match types.find("<Override") {
            Some(at) => format!("{}{entry}{}", &types[..at], &types[at..]),
            None => insert_before_last(&types, "</", &entry),
        };
        self.set_part("[Content_Types].xml", types.into_bytes());
    }

    fn ensure_override(&mut self, part: &str, content_type: &str) {
        let Some(types) = self.part_text("[Content_Types].xml") else {
            return;
        };
        if types.contains(&format!("PartName=\"/{part}\"")) {
            return;
        }
        let entry = format!("<Override PartName=\"/{part}\" ContentType=\"{content_type}\"/>");
        self.set_part(
            "[Content_Types].xml",
            insert_before_last(&types, "</", &entry).into_bytes(),
        );
    }

    /// The width between the margins of the document's last section.
    pub fn text_width_twips(&self) -> u32 {
        let Some(document) = self.part(&self.main) else {
            return DEFAULT_TEXT_WIDTH_TWIPS;
        };
        let Some((start, end)) = final_sect_pr(document) else {
            return DEFAULT_TEXT_WIDTH_TWIPS;
        };
        let Some(sect_pr) = document.get(start..end) else {
            return DEFAULT_TEXT_WIDTH_TWIPS;
        };
        let mut page_width = None;
        let mut margins = 0i64;
        let mut reader = quick_xml::Reader::from_reader(sect_pr);
        let mut buffer = Vec::new();
        loop {
            match reader.read_event_into(&mut buffer) {
                Ok(Event::Start(element) | Event::Empty(element)) => {
                    let number = |name: &[u8]| {
                        attribute(&element, name)
                            .and_then(|value| value.parse::<f64>().ok())
                            .map(|value| value as i64)
                    };
                    match element.local_name().as_ref() {
                        b"pgSz" => page_width = number(b"w"),
                        b"pgMar" => {
                            margins = number(b"left").unwrap_or(0)
                                + number(b"right").unwrap_or(0)
                                + number(b"gutter").unwrap_or(0);
                        }
                        _ => {}
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
            buffer.clear();
        }
        match page_width {
            Some(width) if width - margins > 1_000 => (width - margins) as u32,
            _ => DEFAULT_TEXT_WIDTH_TWIPS,
        }
    }

    /// Finds the styles the body uses by name, adding those missing (and a
    /// bullet list when the package has no "List Bullet" style).
    pub fn prepare_styles(&mut self) -> StyleIds {
        let styles_part = self
            .related_part(&self.main.clone(), "styles")
            .unwrap_or_else(|| "word/styles.xml".to_owned());
        if self.part(&styles_part).is_none() {
            let main = self.main.clone();
            self.set_part(&styles_part, STYLES_EMPTY.as_bytes().to_vec());
            let target = relative_target(&main, &styles_part);
            self.add_relationship(&main, &format!("{REL_BASE}styles"), &target);
            self.ensure_override(&styles_part, CT_STYLES);
        }
        let mut xml = self.part_text(&styles_part).unwrap_or_default();
        let mut known = style_names(&xml);
        let has_list = known
            .iter()
            .any(|(_, name)| name.eq_ignore_ascii_case("List Bullet"));
        let list_num_id = if has_list {
            None
        } else {
            self.add_bullet_list()
        };
        let mut added = String::new();
        let mut find_or_add = |name: &str, wanted_id: &str, definition: &dyn Fn(&str) -> String| {
            if let Some((id, _)) = known
                .iter()
                .find(|(_, known_name)| known_name.eq_ignore_ascii_case(name))
            {
                return id.clone();
            }
            let mut id = wanted_id.to_owned();
            while known.iter().any(|(known_id, _)| known_id == &id) {
                id.push_str("Va");
            }
            added.push_str(&definition(&id));
            known.push((id.clone(), name.to_owned()));
            id
        };
        let title = find_or_add("Title", "Title", &|id| title_style(id));
        let headings = (1..=3)
            .map(|level| {
                find_or_add(
                    &format!("heading {level}"),
                    &format!("Heading{level}"),
                    &|id| heading_style(id, level),
                )
            })
            .collect();
        let caption = find_or_add("caption", "Caption", &|id| caption_style(id));
        let grid = find_or_add("Table Grid", "TableGrid", &|id| table_grid_style(id));
        let table = find_or_add(super::docx::TABLE_STYLE_NAME, "VaReportTable", &|id| {
            va_table_style(id, &grid)
        });
        let list_bullet = find_or_add("List Bullet", "ListBullet", &|id| {
            list_bullet_style(id, list_num_id.unwrap_or(0))
        });
        if !added.is_empty() {
            xml = insert_before_last(&xml, "</", &added);
            self.set_part(&styles_part, xml.into_bytes());
        }
        StyleIds {
            title,
            headings,
            caption,
            table,
            list_bullet,
        }
    }

    /// Adds a one-level bullet list to the numbering part (created when
    /// missing); returns its `w:numId`.
    fn add_bullet_list(&mut self) -> Option<u32> {
        let main = self.main.clone();
        let part = match self.related_part(&main, "numbering") {
            Some(part) if self.part(&part).is_some() => part,
            _ => {
                let part = "word/numbering.xml".to_owned();
                self.set_part(&part, NUMBERING_EMPTY.as_bytes().to_vec());
                let target = relative_target(&main, &part);
                self.add_relationship(&main, &format!("{REL_BASE}numbering"), &target);
                self.ensure_override(&part, CT_NUMBERING);
                part
            }
        };
        let xml = self.part_text(&part)?;
        let (abstract_ids, num_ids, first_num) = numbering_ids(&xml);
        let abstract_id = abstract_ids.iter().max().map_or(0, |max| max + 1);
        let num_id = num_ids.iter().max().map_or(1, |max| max + 1);
        let abstract_num = bullet_abstract_num(abstract_id);
        let num = format!(
            "<w:num w:numId=\"{num_id}\"><w:abstractNumId w:val=\"{abstract_id}\"/></w:num>"
        );
        // Every w:abstractNum comes before the first w:num.
        let xml = match first_num {
            Some(at) => format!("{}{abstract_num}{}", &xml[..at], &xml[at..]),
            None => insert_before_last(&xml, "</", &abstract_num),
        };
        let xml = match last_num_end(&xml) {
            Some(at) => format!("{}{num}{}", &xml[..at], &xml[at..]),
            None => insert_before_last(&xml, "</", &num),
        };
        self.set_part(&part, xml.into_bytes());
        Some(num_id)
    }

    /// Adds a PNG as `word/media/va-figure-N.png` related from the main
    /// document.
    pub fn add_image(&mut self, png: &[u8], width_px: u32, height_px: u32) -> ImageRef {
        self.images += 1;
        let mut name = format!("word/media/va-figure-{}.png", self.images);
        while self.part(&name).is_some() {
            self.images += 1;
            name = format!("word/media/va-figure-{}.png", self.images);
        }
        self.set_part(&name, png.to_vec());
        self.ensure_default_content_type("png", "image/png");
        let main = self.main.clone();
        let target = relative_target(&main, &name);
        let relationship = self.add_relationship(&main, &format!("{REL_BASE}image"), &target);
        ImageRef {
            relationship,
            width_px,
            height_px,
            id: 1000 + self.images,
        }
    }

    /// Replaces the main document's body with `body`, keeping the root
    /// element (its namespaces) and the final section properties.
    pub fn set_body(&mut self, body: &str) {
        let document = self.part(&self.main).unwrap_or_default().to_vec();
        let (root_start, root_end, body_open_end) = match document_frame(&document) {
            Some(frame) => frame,
            None => {
                let skeleton = DOCUMENT.as_bytes();
                let frame = document_frame(skeleton).unwrap_or((0, 0, 0));
                return self.set_body_in(skeleton, frame, body);
            }
        };
        self.set_body_in(&document, (root_start, root_end, body_open_end), body);
    }

    fn set_body_in(&mut self, document: &[u8], frame: (usize, usize, usize), body: &str) {
        let (root_start, root_end, _) = frame;
        let root_tag = String::from_utf8_lossy(document.get(root_start..root_end).unwrap_or(b""));
        let root_tag = with_namespaces(&root_tag);
        let sect_pr = final_sect_pr(document)
            .and_then(|(start, end)| document.get(start..end))
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
            .unwrap_or_else(|| DEFAULT_SECT_PR.to_owned());
        let mut out = String::with_capacity(body.len() + sect_pr.len() + 2048);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        out.push_str(&root_tag);
        out.push_str("<w:body>");
        out.push_str(body);
        out.push_str(&sect_pr);
        out.push_str("</w:body></w:document>");
        let main = self.main.clone();
        self.set_part(&main, out.into_bytes());
    }

    /// Writes the document properties, replacing the template's.
    pub fn set_core_properties(&mut self, properties: &CoreProperties) {
        let part = match self.related_part("", "core-properties") {
            Some(part) => part,
            None => {
                let part = "docProps/core.xml".to_owned();
                self.add_relationship("", CORE_PROPERTIES, &part);
                part
            }
        };
        self.ensure_override(&part, CT_CORE);
        let element = |name: &str, value: &str| {
            if value.is_empty() {
                String::new()
            } else {
                format!("<{name}>{}</{name}>", escape(value))
            }
        };
        let date = |name: &str| {
            format!(
                "<{name} xsi:type=\"dcterms:W3CDTF\">{}</{name}>",
                escape(&properties.created_utc)
            )
        };
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
{}{}{}{}{}{}{}</cp:coreProperties>",
            element("dc:title", &properties.title),
            element("dc:subject", &properties.subject),
            element("dc:creator", &properties.author),
            element("dc:identifier", &properties.identifier),
            element("cp:lastModifiedBy", &properties.author),
            date("dcterms:created"),
            date("dcterms:modified"),
        );
        self.set_part(&part, xml.into_bytes());
    }

    /// The package as a deflated zip, the content types first.
    pub fn to_bytes(&self) -> zip::result::ZipResult<Vec<u8>> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let ordered = self
            .parts
            .iter()
            .filter(|(name, _)| name == "[Content_Types].xml")
            .chain(
                self.parts
                    .iter()
                    .filter(|(name, _)| name != "[Content_Types].xml"),
            );
        for (name, data) in ordered {
            writer.start_file(name.as_str(), options)?;
            writer.write_all(data)?;
        }
        Ok(writer.finish()?.into_inner())
    }
}

/// A relationship: id, type and the part (or URL) it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
}

/// `word/_rels/document.xml.rels` for `word/document.xml`; `_rels/.rels`
/// for the package ("").
pub fn rels_name(source: &str) -> String {
    match source.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None if source.is_empty() => "_rels/.rels".to_owned(),
        None => format!("_rels/{source}.rels"),
    }
}

/// A relationship target resolved against the source part's folder.
fn resolve(base: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut segments: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

/// The target to write in `source`'s relationships for `part`.
fn relative_target(source: &str, part: &str) -> String {
    match source.rsplit_once('/') {
        Some((dir, _)) => match part.strip_prefix(&format!("{dir}/")) {
            Some(relative) => relative.to_owned(),
            None => format!("/{part}"),
        },
        None => part.to_owned(),
    }
}

/// An attribute's unescaped value, matched by local name.
pub fn attribute(element: &quick_xml::events::BytesStart, local: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == local)
        .map(|attribute| {
            attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|value| value.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&attribute.value).into_owned())
        })
}

/// `text` without the first empty element starting with `start` whose tag
/// contains `needle`.
fn remove_element_with(text: &str, start: &str, needle: &str) -> String {
    let mut from = 0;
    while let Some(offset) = text.get(from..).and_then(|rest| rest.find(start)) {
        let at = from + offset;
        let Some(end) = text.get(at..).and_then(|rest| rest.find('>')) else {
            break;
        };
        let tag = &text[at..=at + end];
        if tag.contains(needle) {
            return format!("{}{}", &text[..at], &text[at + end + 1..]);
        }
        from = at + end + 1;
    }
    text.to_owned()
}

/// `text` with `insert` placed before its last occurrence of `marker`.
fn insert_before_last(text: &str, marker: &str, insert: &str) -> String {
    match text.rfind(marker) {
        Some(at) => format!("{}{insert}{}", &text[..at], &text[at..]),
        None => format!("{text}{insert}"),
    }
}

/// (style id, style name) of every style in a styles part.
pub fn style_names(xml: &str) -> Vec<(String, String)> {
    let mut styles = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(element)) if element.local_name().as_ref() == b"style" => {
                current = attribute(&element, b"styleId");
            }
            Ok(Event::Start(element) | Event::Empty(element))
                if element.local_name().as_ref() == b"name" =>
            {
                if let (Some(id), Some(name)) = (current.take(), attribute(&element, b"val")) {
                    styles.push((id, name));
                }
            }
            Ok(Event::End(element)) if element.local_name().as_ref() == b"style" => {
                current = None;
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    styles
}

/// The abstractNumId and numId values of a numbering part, and where its
/// first `w:num` starts.
fn numbering_ids(xml: &str) -> (Vec<u32>, Vec<u32>, Option<usize>) {
    let mut abstract_ids = Vec::new();
    let mut num_ids = Vec::new();
    let mut first_num = None;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(element)) => {
                depth += 1;
                if depth == 2 {
                    match element.local_name().as_ref() {
                        b"abstractNum" => abstract_ids.extend(
                            attribute(&element, b"abstractNumId")
                                .and_then(|v| v.parse::<u32>().ok()),
                        ),
                        b"num" => {
                            first_num.get_or_insert(before);
                            num_ids.extend(
                                attribute(&element, b"numId").and_then(|v| v.parse::<u32>().ok()),
                            );
                        }
                        b"numIdMacAtCleanup" => {
                            first_num.get_or_insert(before);
                        }
                        _ => {}
                    }
                }
            }
            Ok(Event::Empty(element))
                if depth == 1 && element.local_name().as_ref() == b"numIdMacAtCleanup" =>
            {
                first_num.get_or_insert(before);
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    (abstract_ids, num_ids, first_num)
}

/// Where a new `w:num` goes: after the last `w:num` (before a trailing
/// `w:numIdMacAtCleanup`), else before the root's end tag.
fn last_num_end(xml: &str) -> Option<usize> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    let mut after_last = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(element)) => {
                if depth == 2 && element.local_name().as_ref() == b"num" {
                    after_last = Some(reader.buffer_position() as usize);
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    after_last
}

/// (start of the root tag, end of the root tag, end of the `w:body` open
/// tag) in a main document part.
fn document_frame(document: &[u8]) -> Option<(usize, usize, usize)> {
    let mut reader = quick_xml::Reader::from_reader(document);
    let mut buffer = Vec::new();
    let mut root = None;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(element)) => {
                let after = reader.buffer_position() as usize;
                match root {
                    None => root = Some((before, after)),
                    Some((start, end)) if element.local_name().as_ref() == b"body" => {
                        return Some((start, end, after));
                    }
                    Some(_) => return None,
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
        buffer.clear();
    }
}

/// The byte range of the body's last child when it is a `w:sectPr`.
pub fn final_sect_pr(document: &[u8]) -> Option<(usize, usize)> {
    let mut reader = quick_xml::Reader::from_reader(document);
    let mut buffer = Vec::new();
    let mut depth = 0usize;
    let mut last_child: Option<(usize, usize, bool)> = None;
    let mut child_start = 0usize;
    let mut child_is_sect = false;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(element)) => {
                depth += 1;
                if depth == 3 {
                    child_start = before;
                    child_is_sect = element.local_name().as_ref() == b"sectPr";
                }
            }
            Ok(Event::Empty(element)) if depth == 2 => {
                let after = reader.buffer_position() as usize;
                last_child = Some((before, after, element.local_name().as_ref() == b"sectPr"));
            }
            Ok(Event::End(_)) => {
                if depth == 3 {
                    let after = reader.buffer_position() as usize;
                    last_child = Some((child_start, after, child_is_sect));
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buffer.clear();
    }
    match last_child {
        Some((start, end, true)) => Some((start, end)),
        _ => None,
    }
}

/// The root tag with every namespace the body uses declared.
fn with_namespaces(root_tag: &str) -> String {
    let needed = [
        ("w", WORD_NS),
        ("r", REL_NS),
        (
            "wp",
            "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        ),
        ("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
        (
            "pic",
            "http://schemas.openxmlformats.org/drawingml/2006/picture",
        ),
    ];
    let mut extra = String::new();
    for (prefix, uri) in needed {
        if !root_tag.contains(&format!("xmlns:{prefix}=")) {
            extra.push_str(&format!(" xmlns:{prefix}=\"{uri}\""));
        }
    }
    if root_tag.is_empty() {
        return format!("<w:document{extra}>");
    }
    match root_tag.rfind('>') {
        Some(at) => {
            let head = root_tag[..at].trim_end_matches('/');
            format!("{head}{extra}>")
        }
        None => format!("<w:document{extra}>"),
    }
}

fn title_style(id: &str) -> String {
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr>\
<w:rPr><w:b/><w:bCs/><w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/></w:rPr></w:style>"
    )
}

fn heading_style(id: &str, level: usize) -> String {
    let size = [32, 28, 24]
        .get(level.saturating_sub(1))
        .copied()
        .unwrap_or(24);
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"heading {level}\"/>\
<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"{}\"/></w:pPr>\
<w:rPr><w:b/><w:bCs/><w:color w:val=\"1F3864\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
        level.saturating_sub(1)
    )
}

fn caption_style(id: &str) -> String {
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"35\"/><w:unhideWhenUsed/><w:qFormat/>\
<w:pPr><w:spacing w:before=\"120\" w:after=\"60\"/></w:pPr>\
<w:rPr><w:b/><w:bCs/><w:color w:val=\"1F3864\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>"
    )
}

fn table_grid_style(id: &str) -> String {
    let border = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>")
    };
    format!(
        "<w:style w:type=\"table\" w:styleId=\"{id}\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>\
<w:uiPriority w:val=\"39\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
<w:tblPr><w:tblBorders>{}{}{}{}{}{}</w:tblBorders></w:tblPr></w:style>",
        border("top"),
        border("left"),
        border("bottom"),
        border("right"),
        border("insideH"),
        border("insideV"),
    )
}

fn va_table_style(id: &str, grid: &str) -> String {
    format!(
        "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"{id}\"><w:name w:val=\"{}\"/>\
<w:basedOn w:val=\"{}\"/><w:uiPriority w:val=\"99\"/>\
<w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>\
<w:tblPr><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>\
<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr>\
<w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9E2F3\"/><w:vAlign w:val=\"bottom\"/></w:tcPr></w:tblStylePr>\
<w:tblStylePr w:type=\"firstCol\"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr></w:style>",
        escape(super::docx::TABLE_STYLE_NAME),
        escape(grid)
    )
}

fn list_bullet_style(id: &str, num_id: u32) -> String {
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/>\
<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:numPr><w:numId w:val=\"{num_id}\"/></w:numPr>\
<w:contextualSpacing/></w:pPr></w:style>"
    )
}

fn bullet_abstract_num(id: u32) -> String {
    format!(
        "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"singleLevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/>\
<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>"
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>va-report</Application></Properties>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/>\
<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
</Relationships>";

/// A4 portrait (11906 x 16838 twips), 2.5 cm margins.
const DEFAULT_SECT_PR: &str = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
<w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1417\" w:left=\"1417\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>\
<w:cols w:space=\"708\"/><w:docGrid w:linePitch=\"360\"/></w:sectPr>";

const DOCUMENT: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" ",
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" ",
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ",
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>",
    "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
    "<w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1417\" w:left=\"1417\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>",
    "<w:cols w:space=\"708\"/><w:docGrid w:linePitch=\"360\"/></w:sectPr></w:body></w:document>"
);

const STYLES_EMPTY: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"></w:styles>";

const NUMBERING_EMPTY: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"></w:numbering>";

/// The skeleton's numbering: one bullet list (numId 1), used by the
/// "List Bullet" style.
const NUMBERING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/>\
<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>\
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"708\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>";

/// Calibri 11 pt, 6 pt after paragraphs; the styles the export uses.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" w:eastAsiaTheme=\"minorHAnsi\" ",
    "w:hAnsiTheme=\"minorHAnsi\" w:cstheme=\"minorBidi\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>",
    "<w:lang w:val=\"en-GB\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>",
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"259\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>",
    "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>",
    "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>",
    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>",
    "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>",
    "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr>",
    "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>",
    "<w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:bCs/>",
    "<w:color w:val=\"1F3864\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>",
    "<w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:bCs/>",
    "<w:color w:val=\"1F3864\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>",
    "<w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:bCs/>",
    "<w:color w:val=\"1F3864\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"35\"/><w:unhideWhenUsed/><w:qFormat/>",
    "<w:pPr><w:spacing w:before=\"120\" w:after=\"60\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val=\"1F3864\"/>",
    "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr>",
    "<w:contextualSpacing/></w:pPr></w:style>",
    "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>",
    "<w:uiPriority w:val=\"39\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
    "<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>",
    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>",
    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>",
    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr></w:style>",
    "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"VaReportTable\"><w:name w:val=\"VA report table\"/>",
    "<w:basedOn w:val=\"TableGrid\"/><w:uiPriority w:val=\"99\"/>",
    "<w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
    "<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>",
    "<w:tblPr><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>",
    "<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr>",
    "<w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9E2F3\"/><w:vAlign w:val=\"bottom\"/></w:tcPr></w:tblStylePr>",
    "<w:tblStylePr w:type=\"firstCol\"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr></w:style>",
    "</w:styles>"
);

const FONT_TABLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:font w:name=\"Calibri\"><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"Calibri Light\"><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"Times New Roman\"><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>\
</w:fonts>";

/// A minimal Office theme (colours, Calibri/Calibri Light, plain effects).
const THEME: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office Theme\"><a:themeElements>",
    "<a:clrScheme name=\"Office\"><a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>",
    "<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1><a:dk2><a:srgbClr val=\"44546A\"/></a:dk2>",
    "<a:lt2><a:srgbClr val=\"E7E6E6\"/></a:lt2><a:accent1><a:srgbClr val=\"4472C4\"/></a:accent1>",
    "<a:accent2><a:srgbClr val=\"ED7D31\"/></a:accent2><a:accent3><a:srgbClr val=\"A5A5A5\"/></a:accent3>",
    "<a:accent4><a:srgbClr val=\"FFC000\"/></a:accent4><a:accent5><a:srgbClr val=\"5B9BD5\"/></a:accent5>",
    "<a:accent6><a:srgbClr val=\"70AD47\"/></a:accent6><a:hlink><a:srgbClr val=\"0563C1\"/></a:hlink>",
    "<a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink></a:clrScheme>",
    "<a:fontScheme name=\"Office\"><a:majorFont><a:latin typeface=\"Calibri Light\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>",
    "<a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme>",
    "<a:fmtScheme name=\"Office\"><a:fillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>",
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:fillStyleLst>",
    "<a:lnStyleLst><a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>",
    "<a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>",
    "<a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst>",
    "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>",
    "<a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>",
    "<a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>",
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements>",
    "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
);

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "/word/document.xml"), "word/document.xml");
        assert_eq!(
            rels_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(rels_name(""), "_rels/.rels");
        assert_eq!(
            relative_target("word/document.xml", "word/media/a.png"),
            "media/a.png"
        );
    }

    #[test]
    fn the_skeleton_has_every_style_and_a_final_section() {
        let mut package = Package::skeleton();
        let before = package.part_text("word/styles.xml").unwrap();
        let ids = package.prepare_styles();
        assert_eq!(package.part_text("word/styles.xml").unwrap(), before);
        assert_eq!(ids.table, "VaReportTable");
        assert_eq!(ids.list_bullet, "ListBullet");
        assert_eq!(ids.headings, ["Heading1", "Heading2", "Heading3"]);
        assert_eq!(package.text_width_twips(), 9_072);
    }

    #[test]
    fn bad_bytes_are_named() {
        assert_eq!(Package::read(b"hello").unwrap_err(), PackageError::NotZip);
        assert_eq!(
            Package::read(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).unwrap_err(),
            PackageError::Encrypted
        );
        assert!(matches!(
            Package::read(b"PK\x03\x04trunc").unwrap_err(),
            PackageError::Damaged(_)
        ));
    }

    #[test]
    fn a_bullet_list_joins_an_existing_numbering() {
        let mut package = Package::skeleton();
        package.set_part(
            "word/styles.xml",
            STYLES.replace("List Bullet", "Something else").into_bytes(),
        );
        let ids = package.prepare_styles();
        let numbering = package.part_text("word/numbering.xml").unwrap();
        assert_eq!(
            numbering.matches("<w:abstractNum ").count(),
            2,
            "{numbering}"
        );
        let abstract_end = numbering.rfind("</w:abstractNum>").unwrap();
        let first_num = numbering.find("<w:num ").unwrap();
        assert!(abstract_end < first_num, "{numbering}");
        assert!(numbering.contains("<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/>"));
        assert_eq!(ids.list_bullet, "ListBulletVa");
        let styles = package.part_text("word/styles.xml").unwrap();
        assert!(styles.contains("<w:numId w:val=\"2\"/>"), "{styles}");
    }
}
