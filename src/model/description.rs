//! The description table of an installation: twelve labelled text fields.

use serde::{Deserialize, Serialize};

/// The twelve rows of an installation's description table, in report order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Description {
    pub description: String,
    pub task: String,
    pub url: String,
    pub service_category: String,
    pub service_catalogue: String,
    pub providers: String,
    pub location: String,
    pub duration: String,
    pub modality_of_access: String,
    pub support_offered: String,
    pub operational_since: String,
    pub user_definition: String,
}

/// Names one row of the description table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DescriptionField {
    Description,
    Task,
    Url,
    ServiceCategory,
    ServiceCatalogue,
    Providers,
    Location,
    Duration,
    ModalityOfAccess,
    SupportOffered,
    OperationalSince,
    UserDefinition,
}

impl DescriptionField {
    pub const ALL: [Self; 12] = [
        Self::Description,
        Self::Task,
        Self::Url,
        Self::ServiceCategory,
        Self::ServiceCatalogue,
        Self::Providers,
        Self::Location,
        Self::Duration,
        Self::ModalityOfAccess,
        Self::SupportOffered,
        Self::OperationalSince,
        Self::UserDefinition,
    ];

    /// The row label as the deliverable prints it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Description => "Description",
            Self::Task => "Task",
            Self::Url => "URL",
            Self::ServiceCategory => "Service Category",
            Self::ServiceCatalogue => "Service Catalogue",
            Self::Providers => "Providers",
            Self::Location => "Location",
            Self::Duration => "Duration",
            Self::ModalityOfAccess => "Modality of access",
            Self::SupportOffered => "Support offered",
            Self::OperationalSince => "Operational since",
            Self::UserDefinition => "User definition",
        }
    }

    /// Long texts get a multi-line editor.
    pub fn is_long_text(self) -> bool {
        matches!(
            self,
            Self::Description | Self::ModalityOfAccess | Self::SupportOffered
        )
    }
}

impl Description {
    pub fn field(&self, field: DescriptionField) -> &str {
        match field {
            DescriptionField::Description => &self.description,
            DescriptionField::Task => &self.task,
            DescriptionField::Url => &self.url,
            DescriptionField::ServiceCategory => &self.service_category,
            DescriptionField::ServiceCatalogue => &self.service_catalogue,
            DescriptionField::Providers => &self.providers,
            DescriptionField::Location => &self.location,
            DescriptionField::Duration => &self.duration,
            DescriptionField::ModalityOfAccess => &self.modality_of_access,
            DescriptionField::SupportOffered => &self.support_offered,
            DescriptionField::OperationalSince => &self.operational_since,
            DescriptionField::UserDefinition => &self.user_definition,
        }
    }

    pub fn field_mut(&mut self, field: DescriptionField) -> &mut String {
        match field {
            DescriptionField::Description => &mut self.description,
            DescriptionField::Task => &mut self.task,
            DescriptionField::Url => &mut self.url,
            DescriptionField::ServiceCategory => &mut self.service_category,
            DescriptionField::ServiceCatalogue => &mut self.service_catalogue,
            DescriptionField::Providers => &mut self.providers,
            DescriptionField::Location => &mut self.location,
            DescriptionField::Duration => &mut self.duration,
            DescriptionField::ModalityOfAccess => &mut self.modality_of_access,
            DescriptionField::SupportOffered => &mut self.support_offered,
            DescriptionField::OperationalSince => &mut self.operational_since,
            DescriptionField::UserDefinition => &mut self.user_definition,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_back_what_was_written() {
        let mut description = Description::default();
        for (index, field) in DescriptionField::ALL.into_iter().enumerate() {
            *description.field_mut(field) = format!("value {index}");
        }
        for (index, field) in DescriptionField::ALL.into_iter().enumerate() {
            assert_eq!(description.field(field), format!("value {index}"));
        }
    }
}
