//! A resource or enum page → an `entity`, `complex_type` or `enum`, whichever rendering it
//! comes in: the parts are read in one order and the item is put together once; each
//! rendering ([`TypePage`]) says what its parts hold.

use crate::spec::{Entity, Enumeration, Member, Page, Property, unlocated};

use super::markdown::PageError;
use super::parsed::Notes;
use super::sections::{note_flag_like, note_missing_key};

/// What a resource or enum page says, read from one rendering of it.
pub trait TypePage {
    /// The documented type name: the title without `suffix` (` resource type`, ` enum type`).
    fn type_name(&self, suffix: &str) -> Result<String, PageError>;
    /// The description paragraphs.
    fn description(&self, notes: &mut Notes) -> String;
    /// The type named by "Inherits from".
    fn base_type(&self) -> Option<String>;
    /// The key property of type `name`, when the page makes it an entity.
    fn key(&self, name: &str, notes: &mut Notes) -> Option<String>;
    /// The Properties table of type `name`.
    fn properties(&self, name: &str, notes: &mut Notes) -> Vec<Property>;
    /// The Relationships table of type `name`; empty when the page says "None".
    fn relationships(&self, name: &str, notes: &mut Notes) -> Vec<Property>;
    /// The Members table's 1-based line and its usable rows.
    fn members(&self, notes: &mut Notes) -> Result<(usize, Vec<Member>), PageError>;
}

/// Reads a resource page: an entity when it has a key, else a complex type.
pub fn resource(page: &impl TypePage, info: Page, notes: &mut Notes) -> Result<Entity, PageError> {
    let name = page.type_name(" resource type")?;
    let description = page.description(notes);
    let base_type = page.base_type();
    let key = page.key(&name, notes);
    let properties = page.properties(&name, notes);
    note_missing_key(key.as_deref(), &properties, notes);
    let relationships = page.relationships(&name, notes);
    Ok(Entity {
        name: unlocated(name),
        description,
        page: info,
        key: key.map(unlocated),
        base_type: base_type.map(unlocated),
        properties,
        relationships,
        overrides: Default::default(),
    })
}

/// Reads an enum page.
pub fn enumeration(
    page: &impl TypePage,
    info: Page,
    notes: &mut Notes,
) -> Result<Enumeration, PageError> {
    let name = page.type_name(" enum type")?;
    let description = page.description(notes);
    let (line, members) = page.members(notes)?;
    if members.is_empty() {
        return Err(PageError::new(line, "the Members table has no usable row"));
    }
    note_flag_like(&members, &description, line, notes);
    Ok(Enumeration {
        name: unlocated(name),
        description,
        page: info,
        members,
        flags: false,
        overrides: Default::default(),
    })
}
