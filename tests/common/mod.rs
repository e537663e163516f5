pub mod other_projects;
