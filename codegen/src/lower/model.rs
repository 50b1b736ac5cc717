//! Types: entity and complex-type models, their `PATCH` bodies, polymorphic enums, enums.

use std::fmt::Write as _;

use super::scope::{Case, Scope};
use super::{Derived, Lowering};
use crate::diagnostic::Location;
use crate::docs;
use crate::ir::{
    Enumeration, Field, ItemKind, Model, OwnFields, PatchModel, PolymorphicModel,
    PolymorphicVariant, RustType, TypePath, Variant,
};
use crate::load::Sourced;
use crate::naming;
use crate::spec;
use crate::validate::TypeKind;

/// The generator's own fields of every model and `PATCH` body.
pub(super) const OWN_FIELDS: [(&str, &str); 2] = [
    ("odata_type", "the field holding `@odata.type`"),
    (
        "additional_properties",
        "the field keeping undocumented properties",
    ),
];

/// The variant of every enum that keeps undocumented values.
const UNDOCUMENTED_VARIANT: &str = "Undocumented";

impl<'a> Lowering<'a, '_> {
    pub(super) fn lower_entity(&mut self, entity: &'a Sourced<spec::Entity>, kind: &str) {
        let Sourced { file, item } = entity;
        let source = Location::in_file(file, &item.name.referenced);
        let path = self.type_path_of(&item.name.value);
        let odata_type = self.odata_type(&item.name.value);
        let mut docs = self.page_docs(&item.description, &item.page);
        let _ = write!(docs, "\n\n{kind}, OData type `{odata_type}`");
        if let Some(base) = &item.base_type {
            if self.symbols.kind(&base.value) == Some(TypeKind::Opaque) {
                let _ = write!(
                    docs,
                    ", derived from `{}` (its page is not in the spec)",
                    base.value
                );
            } else {
                let _ = write!(
                    docs,
                    ", derived from [`{0}`](crate::{0})",
                    self.type_path_of(&base.value).relative()
                );
            }
        }
        if let Some(key) = &item.key {
            let _ = write!(docs, "; key property `{}`", key.value);
        }
        let _ = write!(
            docs,
            ". Every property is optional, since Graph leaves out those not selected; properties \
             this crate does not know are kept in `additional_properties`.\n\n[Documentation]({})",
            docs::page_url(&item.page.source.value, self.version)
        );
        let (own, fields) = self.model_fields(
            &item.overrides,
            item.properties.iter().chain(&item.relationships),
        );
        self.push_item(
            file,
            path,
            source,
            ItemKind::Model(Model {
                docs: super::exact(docs),
                odata_type,
                own,
                fields,
            }),
        );
    }

    /// The `PATCH` body of the entity documented as `documented`, generated on first use.
    pub(super) fn lower_patch(&mut self, documented: &str) -> RustType {
        // Validation resolved the body type to a page.
        let Some(Sourced { file, item }) = self.symbols.page(documented) else {
            return self.rust_type(documented);
        };
        let first_use = !self
            .derived_names
            .contains_key(&(documented, Derived::Patch));
        let path = self.derived_name(documented, Derived::Patch);
        if !first_use {
            return RustType::Named(path);
        }
        let entity = self.type_path_of(documented);
        let entity_name = entity.relative();
        let odata_type = self.odata_type(documented);
        let docs = format!(
            "Changes to a [`{entity_name}`](crate::{entity_name}) for an update (`PATCH`) request.\n\n\
             Every property starts [`Patch::Unchanged`](crate::runtime::Patch::Unchanged) and is \
             left out of the body, so the service keeps its value. Set the properties to change with \
             [`Patch::Set`](crate::runtime::Patch::Set), or clear them with \
             [`Patch::Clear`](crate::runtime::Patch::Clear) (sent as `null`). The body always carries \
             `\"@odata.type\": \"{odata_type}\"`; properties this crate does not know can be sent \
             through `additional_properties`."
        );
        let source = Location::in_file(file, &item.name.referenced);
        // Named among all the entity's properties, so each field has the model's name.
        let (own, named) = self.model_fields(&item.overrides, item.properties.iter());
        let fields = named
            .into_iter()
            .zip(&item.properties)
            .filter_map(|(field, property)| property.create.then_some(field))
            .collect();
        self.push_item(
            file,
            path.clone(),
            source,
            ItemKind::Patch(PatchModel {
                docs: super::exact(docs),
                entity,
                odata_type,
                own,
                fields,
            }),
        );
        RustType::Named(path)
    }

    /// The generator's own fields and one field per property, all in one scope.
    fn model_fields(
        &mut self,
        overrides: &spec::Overrides,
        properties: impl Iterator<Item = &'a spec::Property>,
    ) -> (OwnFields, Vec<Field>) {
        let mut scope = Scope::with_reserved(Case::Snake, &OWN_FIELDS);
        let own = OwnFields {
            odata_type: OWN_FIELDS[0].0.to_owned(),
            additional_properties: OWN_FIELDS[1].0.to_owned(),
        };
        let fields = properties
            .map(|property| {
                let wanted = overrides.names.get(&property.name.value).cloned();
                self.field(
                    &mut scope,
                    &property.name.value,
                    wanted,
                    &property.ty.value,
                    &property.description,
                    "property",
                )
            })
            .collect();
        (own, fields)
    }

    /// A field for a documented property or parameter, claimed in `scope`.
    pub(super) fn field(
        &mut self,
        scope: &mut Scope,
        json_name: &str,
        wanted: Option<String>,
        ty: &str,
        description: &str,
        what: &str,
    ) -> Field {
        let wanted = wanted.unwrap_or_else(|| naming::field_name(json_name));
        let claimed = scope.claim(&wanted, &format!("the {what} `{json_name}`"));
        let mut docs = self.doc_or(description, || format!("The `{json_name}` {what}."));
        if let Some(note) = claimed.note(&wanted) {
            let _ = write!(docs, "\n\n{note}");
        }
        Field {
            name: claimed.name,
            json_name: json_name.to_owned(),
            ty: self.rust_type(ty),
            docs: super::exact(docs),
        }
    }

    pub(super) fn lower_polymorphic(&mut self, base: &'a str) {
        let Some(Sourced { file, item }) = self.symbols.page(base) else {
            return;
        };
        let source = Location::in_file(file, &item.name.referenced);
        let base_path = self.type_path_of(base);
        let base_name = base_path.relative();
        let mut derived: Vec<(TypePath, &str)> = self.symbols.derived()[base]
            .iter()
            .map(|d| (self.type_path_of(d), *d))
            .collect();
        derived.sort();
        // A variant is named after its type, qualified by the type's namespace where that is
        // not the enum's (`AnyEntity::SecurityAlert` beside `AnyEntity::Alert`).
        let mut scope = Scope::new(Case::Camel);
        let variants = std::iter::once((base_path.clone(), base))
            .chain(derived)
            .map(|(ty, documented)| {
                let wanted = match &ty.namespace {
                    Some(namespace) if ty.namespace != base_path.namespace => {
                        format!("{}{}", naming::type_name(namespace), ty.name)
                    }
                    _ => ty.name.clone(),
                };
                PolymorphicVariant {
                    name: scope
                        .claim(&wanted, &format!("the type `{documented}`"))
                        .name,
                    odata_type: self.qualified(documented),
                    ty,
                    features: Vec::new(),
                }
            })
            .collect();
        let docs = format!(
            "A [`{base_name}`](crate::{base_name}) or any type derived from it, read as the type its \
             `@odata.type` names.\n\nA value whose `@odata.type` this crate does not know, or whose \
             type no enabled cargo feature compiles, is read as the base type, which keeps its \
             other properties in `additional_properties`: nothing is lost."
        );
        let path = self.polymorphic_name(base);
        self.push_item(
            file,
            path,
            source,
            ItemKind::Polymorphic(PolymorphicModel { docs, variants }),
        );
    }

    pub(super) fn lower_enum(&mut self, enumeration: &'a Sourced<spec::Enumeration>) {
        let Sourced { file, item } = enumeration;
        let source = Location::in_file(file, &item.name.referenced);
        let path = self.type_path_of(&item.name.value);
        let name = &path.name;
        let mut scope = Scope::new(Case::Camel);
        let mut variants = Vec::new();
        for member in &item.members {
            let json = &member.name.value;
            let wanted = item
                .overrides
                .names
                .get(json)
                .cloned()
                .unwrap_or_else(|| naming::variant_name(json));
            let claimed = scope.claim(&wanted, &format!("the member `{json}`"));
            let mut docs = self.doc_or(&member.description, || format!("The `{json}` member."));
            let _ = write!(
                docs,
                "\n\nJSON `\"{json}\"`, documented value {}.",
                member.value
            );
            if let Some(note) = claimed.note(&wanted) {
                let _ = write!(docs, " {note}");
            }
            variants.push(Variant {
                name: claimed.name,
                json_value: json.clone(),
                docs,
            });
        }
        // Claimed last: a documented member keeps its name, the catch-all yields.
        let undocumented_variant = scope
            .claim(UNDOCUMENTED_VARIANT, "the catch-all variant")
            .name;
        let mut docs = self.page_docs(&item.description, &item.page);
        let _ = write!(
            docs,
            "\n\nValues this crate does not know (Graph adds members over time) are kept in \
             [`{name}::{undocumented_variant}`] and serialized back unchanged.\n\n[Documentation]({})",
            docs::page_url(&item.page.source.value, self.version)
        );
        self.push_item(
            file,
            path,
            source,
            ItemKind::Enum(Enumeration {
                docs,
                variants,
                undocumented_variant,
            }),
        );
    }
}
