//! A focused OOXML check for the packages va-report writes: the order of
//! child elements that the WordprocessingML schema fixes as a sequence
//! (pPr, rPr, tblPr, tcPr, sectPr, style, numbering ...), the structure
//! Word insists on (tblGrid, a paragraph closing every cell), and the
//! package: every part has a content type, every relationship target
//! exists, every r:id used in a part is a relationship of that part.
//!
//! The sequences are copied from ECMA-376 Part 1 (transitional,
//! wml.xsd). The full validator (`openxml-audit`) is run by hand; see
//! ARCHITECTURE.md.

#![allow(dead_code, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Child sequences by parent local name (WordprocessingML namespace).
/// Names in one inner slice share a rank (a choice inside the sequence).
const SEQUENCES: &[(&str, &[&[&str]])] = &[
    (
        "pPr",
        &[
            &["pStyle"],
            &["keepNext"],
            &["keepLines"],
            &["pageBreakBefore"],
            &["framePr"],
            &["widowControl"],
            &["numPr"],
            &["suppressLineNumbers"],
            &["pBdr"],
            &["shd"],
            &["tabs"],
            &["suppressAutoHyphens"],
            &["kinsoku"],
            &["wordWrap"],
            &["overflowPunct"],
            &["topLinePunct"],
            &["autoSpaceDE"],
            &["autoSpaceDN"],
            &["bidi"],
            &["adjustRightInd"],
            &["snapToGrid"],
            &["spacing"],
            &["ind"],
            &["contextualSpacing"],
            &["mirrorIndents"],
            &["suppressOverlap"],
            &["jc"],
            &["textDirection"],
            &["textAlignment"],
            &["textboxTightWrap"],
            &["outlineLvl"],
            &["divId"],
            &["cnfStyle"],
            &["rPr"],
            &["sectPr"],
            &["pPrChange"],
        ],
    ),
    (
        "rPr",
        &[
            &["ins"],
            &["del"],
            &["moveFrom"],
            &["moveTo"],
            &["rStyle"],
            &["rFonts"],
            &["b"],
            &["bCs"],
            &["i"],
            &["iCs"],
            &["caps"],
            &["smallCaps"],
            &["strike"],
            &["dstrike"],
            &["outline"],
            &["shadow"],
            &["emboss"],
            &["imprint"],
            &["noProof"],
            &["snapToGrid"],
            &["vanish"],
            &["webHidden"],
            &["color"],
            &["spacing"],
            &["w"],
            &["kern"],
            &["position"],
            &["sz"],
            &["szCs"],
            &["highlight"],
            &["u"],
            &["effect"],
            &["bdr"],
            &["shd"],
            &["fitText"],
            &["vertAlign"],
            &["rtl"],
            &["cs"],
            &["em"],
            &["lang"],
            &["eastAsianLayout"],
            &["specVanish"],
            &["oMath"],
            &["rPrChange"],
        ],
    ),
    (
        "tblPr",
        &[
            &["tblStyle"],
            &["tblpPr"],
            &["tblOverlap"],
            &["bidiVisual"],
            &["tblStyleRowBandSize"],
            &["tblStyleColBandSize"],
            &["tblW"],
            &["jc"],
            &["tblCellSpacing"],
            &["tblInd"],
            &["tblBorders"],
            &["shd"],
            &["tblLayout"],
            &["tblCellMar"],
            &["tblLook"],
            &["tblCaption"],
            &["tblDescription"],
            &["tblPrChange"],
        ],
    ),
    (
        "tcPr",
        &[
            &["cnfStyle"],
            &["tcW"],
            &["gridSpan"],
            &["hMerge"],
            &["vMerge"],
            &["tcBorders"],
            &["shd"],
            &["noWrap"],
            &["tcMar"],
            &["textDirection"],
            &["tcFitText"],
            &["vAlign"],
            &["hideMark"],
            &["headers"],
            &["cellIns", "cellDel", "cellMerge"],
            &["tcPrChange"],
        ],
    ),
    (
        "trPr",
        &[
            &[
                "cnfStyle",
                "divId",
                "gridBefore",
                "gridAfter",
                "wBefore",
                "wAfter",
                "cantSplit",
                "trHeight",
                "tblHeader",
                "tblCellSpacing",
                "jc",
                "hidden",
            ],
            &["ins"],
            &["del"],
            &["trPrChange"],
        ],
    ),
    (
        "sectPr",
        &[
            &["headerReference", "footerReference"],
            &["footnotePr"],
            &["endnotePr"],
            &["type"],
            &["pgSz"],
            &["pgMar"],
            &["paperSrc"],
            &["pgBorders"],
            &["lnNumType"],
            &["pgNumType"],
            &["cols"],
            &["formProt"],
            &["vAlign"],
            &["noEndnote"],
            &["titlePg"],
            &["textDirection"],
            &["bidi"],
            &["rtlGutter"],
            &["docGrid"],
            &["printerSettings"],
            &["sectPrChange"],
        ],
    ),
    (
        "style",
        &[
            &["name"],
            &["aliases"],
            &["basedOn"],
            &["next"],
            &["link"],
            &["autoRedefine"],
            &["hidden"],
            &["uiPriority"],
            &["semiHidden"],
            &["unhideWhenUsed"],
            &["qFormat"],
            &["locked"],
            &["personal"],
            &["personalCompose"],
            &["personalReply"],
            &["rsid"],
            &["pPr"],
            &["rPr"],
            &["tblPr"],
            &["trPr"],
            &["tcPr"],
            &["tblStylePr"],
        ],
    ),
    ("styles", &[&["docDefaults"], &["latentStyles"], &["style"]]),
    (
        "tblStylePr",
        &[&["pPr"], &["rPr"], &["tblPr"], &["trPr"], &["tcPr"]],
    ),
    (
        "tblBorders",
        &[
            &["top"],
            &["left", "start"],
            &["bottom"],
            &["right", "end"],
            &["insideH"],
            &["insideV"],
        ],
    ),
    (
        "tblCellMar",
        &[&["top"], &["left", "start"], &["bottom"], &["right", "end"]],
    ),
    (
        "numbering",
        &[
            &["numPicBullet"],
            &["abstractNum"],
            &["num"],
            &["numIdMacAtCleanup"],
        ],
    ),
    (
        "abstractNum",
        &[
            &["nsid"],
            &["multiLevelType"],
            &["tmpl"],
            &["name"],
            &["styleLink"],
            &["numStyleLink"],
            &["lvl"],
        ],
    ),
    (
        "lvl",
        &[
            &["start"],
            &["numFmt"],
            &["lvlRestart"],
            &["pStyle"],
            &["isLgl"],
            &["suff"],
            &["lvlText"],
            &["lvlPicBulletId"],
            &["legacy"],
            &["lvlJc"],
            &["pPr"],
            &["rPr"],
        ],
    ),
    ("docDefaults", &[&["rPrDefault"], &["pPrDefault"]]),
];

/// Elements whose first child, when present, must be the named one.
const FIRST_CHILD: &[(&str, &str)] =
    &[("p", "pPr"), ("r", "rPr"), ("tc", "tcPr"), ("tbl", "tblPr")];

/// The problems the check finds in a package; empty when it passes.
pub fn check_package(bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut parts = BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        parts.insert(entry.name().unwrap().to_string(), data);
    }
    let types = String::from_utf8(parts["[Content_Types].xml"].clone()).unwrap();
    let types = roxmltree::Document::parse(&types).unwrap();
    let defaults: BTreeSet<String> = types
        .descendants()
        .filter(|n| n.tag_name().name() == "Default")
        .filter_map(|n| n.attribute("Extension"))
        .map(str::to_ascii_lowercase)
        .collect();
    let overrides: BTreeSet<String> = types
        .descendants()
        .filter(|n| n.tag_name().name() == "Override")
        .filter_map(|n| n.attribute("PartName"))
        .map(|name| name.trim_start_matches('/').to_owned())
        .collect();
    for name in parts.keys() {
        if name == "[Content_Types].xml" {
            continue;
        }
        let extension = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        if !overrides.contains(name) && !defaults.contains(&extension) {
            problems.push(format!("{name}: no content type"));
        }
    }
    for part in &overrides {
        if !parts.contains_key(part) {
            problems.push(format!("content type for a missing part {part}"));
        }
    }
    for (name, data) in &parts {
        if !name.ends_with(".rels") {
            continue;
        }
        let source_dir = name
            .trim_end_matches(".rels")
            .replace("_rels/", "")
            .rsplit_once('/')
            .map(|(dir, _)| dir.to_owned())
            .unwrap_or_default();
        let text = String::from_utf8(data.clone()).unwrap();
        let xml = roxmltree::Document::parse(&text).unwrap();
        let mut ids = BTreeSet::new();
        for rel in xml
            .descendants()
            .filter(|n| n.tag_name().name() == "Relationship")
        {
            if !ids.insert(rel.attribute("Id").unwrap_or("")) {
                problems.push(format!("{name}: duplicate id {:?}", rel.attribute("Id")));
            }
            if rel.attribute("TargetMode") == Some("External") {
                continue;
            }
            let target = rel.attribute("Target").unwrap_or("");
            let resolved = resolve(&source_dir, target);
            if !parts.contains_key(&resolved) {
                problems.push(format!("{name}: target {target} ({resolved}) is missing"));
            }
        }
    }
    for (name, data) in &parts {
        if !name.ends_with(".xml") || name.contains("_rels") {
            continue;
        }
        let Ok(text) = std::str::from_utf8(data) else {
            problems.push(format!("{name}: not UTF-8"));
            continue;
        };
        let xml = match roxmltree::Document::parse(text) {
            Ok(xml) => xml,
            Err(error) => {
                problems.push(format!("{name}: not well-formed: {error}"));
                continue;
            }
        };
        problems.extend(check_part(name, &xml, &relationship_ids(&parts, name)));
    }
    problems
}

fn relationship_ids(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> BTreeSet<String> {
    let rels = match name.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{name}.rels"),
    };
    let Some(data) = parts.get(&rels) else {
        return BTreeSet::new();
    };
    let text = String::from_utf8(data.clone()).unwrap();
    let xml = roxmltree::Document::parse(&text).unwrap();
    xml.descendants()
        .filter_map(|n| n.attribute("Id"))
        .map(str::to_owned)
        .collect()
}

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

/// The sequence and structure checks on one XML part.
pub fn check_part(
    name: &str,
    xml: &roxmltree::Document,
    relationship_ids: &BTreeSet<String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for node in xml.descendants().filter(|n| n.is_element()) {
        for attribute in node.attributes() {
            if attribute.namespace() == Some(R)
                && matches!(attribute.name(), "id" | "embed" | "link")
                && !relationship_ids.contains(attribute.value())
            {
                problems.push(format!(
                    "{name}: {} refers to a missing relationship {}",
                    node.tag_name().name(),
                    attribute.value()
                ));
            }
        }
        if node.tag_name().namespace() != Some(W) {
            continue;
        }
        let parent = node.tag_name().name();
        let children: Vec<_> = node
            .children()
            .filter(|c| c.is_element() && c.tag_name().namespace() == Some(W))
            .collect();
        if let Some((_, sequence)) = SEQUENCES.iter().find(|(p, _)| *p == parent) {
            let mut last = 0usize;
            for child in &children {
                let child_name = child.tag_name().name();
                match sequence.iter().position(|rank| rank.contains(&child_name)) {
                    None => problems.push(format!(
                        "{name}: w:{child_name} is not allowed in w:{parent}"
                    )),
                    Some(rank) if rank < last => problems.push(format!(
                        "{name}: w:{child_name} comes after {} in w:{parent}",
                        sequence[last].join("|")
                    )),
                    Some(rank) => last = rank,
                }
            }
        }
        for (element, first) in FIRST_CHILD {
            if parent == *element
                && children
                    .iter()
                    .skip(1)
                    .any(|child| child.tag_name().name() == *first)
            {
                problems.push(format!(
                    "{name}: w:{first} is not the first child of w:{parent}"
                ));
            }
        }
        match parent {
            "tbl" => {
                let has = |n: &str| children.iter().any(|c| c.tag_name().name() == n);
                if !has("tblPr") || !has("tblGrid") {
                    problems.push(format!("{name}: w:tbl without tblPr or tblGrid"));
                }
                if !has("tr") {
                    problems.push(format!("{name}: w:tbl without rows"));
                }
            }
            "tc" if children.last().map(|c| c.tag_name().name()) != Some("p") => {
                problems.push(format!("{name}: a cell does not end in a paragraph"));
            }
            _ => {}
        }
    }
    problems
}
