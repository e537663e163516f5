//! The description table of an installation: labelled text fields. The
//! report owns the list of fields (label, long or short text); each
//! installation holds one text per field, in the same order.

use serde::{Deserialize, Serialize};

/// One row of every installation's description table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescriptionField {
    /// The row label as the deliverable prints it.
    pub label: String,
    /// Long texts get a multi-line editor.
    #[serde(default, skip_serializing_if = "is_false")]
    pub long_text: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl DescriptionField {
    pub fn new(label: impl Into<String>, long_text: bool) -> Self {
        Self {
            label: label.into(),
            long_text,
        }
    }
}

/// The fields a new report starts with: the rows most Virtual Access
/// deliverables print. The user adds, renames, reorders and removes them.
pub fn default_fields() -> Vec<DescriptionField> {
    [
        ("Description", true),
        ("Task", false),
        ("URL", false),
        ("Service Category", false),
        ("Service Catalogue", false),
        ("Providers", false),
        ("Location", false),
        ("Duration", false),
        ("Modality of access", true),
        ("Support offered", true),
        ("Operational since", false),
        ("User definition", false),
    ]
    .into_iter()
    .map(|(label, long_text)| DescriptionField::new(label, long_text))
    .collect()
}

/// The position of the field labelled `label` (case and surrounding spaces
/// ignored).
pub fn field_index(fields: &[DescriptionField], label: &str) -> Option<usize> {
    let wanted = label.trim().to_lowercase();
    fields
        .iter()
        .position(|field| field.label.trim().to_lowercase() == wanted)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_by_label() {
        let fields = default_fields();
        assert_eq!(field_index(&fields, " url "), Some(2));
        assert_eq!(field_index(&fields, "Access policy"), None);
    }
}
