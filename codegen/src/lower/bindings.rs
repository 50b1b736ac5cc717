//! The relationships a create operation's body binds to existing entities by reference:
//! `"owners@odata.bind": ["https://graph.microsoft.com/v1.0/users/{id}"]` in the page's
//! examples becomes a method of the request, `bind_owners`, taking those URLs.

use super::Lowering;
use super::model::OWN_FIELDS;
use super::scope::Scope;
use crate::ir::{Binding, Body, OperationKind, RustType};
use crate::naming;
use crate::spec;
use crate::vocabulary::TypeRef;

/// What the documentation appends to a relationship's name to bind it.
const BIND: &str = "@odata.bind";

impl<'a> Lowering<'a, '_> {
    /// The relationships a create operation's example requests bind (`<relationship>@odata.bind`),
    /// in order of first appearance, each a method claimed in `methods`: only where the body is
    /// one documented type, whose model keeps the annotation among its additional properties,
    /// and the name is one of its relationships or properties.
    pub(super) fn bindings(
        &self,
        item: &spec::Endpoint,
        kind: OperationKind,
        body: Option<&Body>,
        methods: &mut Scope,
    ) -> Vec<Binding> {
        let entity = match (&item.request_body, body) {
            (
                Some(spec::RequestBody { ty: Some(ty), .. }),
                Some(Body {
                    ty: RustType::Named(_),
                    ..
                }),
            ) if kind == OperationKind::Create => &ty.value,
            _ => return Vec::new(),
        };
        // Each relationship with its type and the first reference the page binds it to.
        let mut bound: Vec<(String, &'a str, String)> = Vec::new();
        let bodies = item
            .examples
            .iter()
            .filter_map(|example| example.request.body.as_ref());
        for text in bodies {
            let Ok(serde_json::Value::Object(members)) = serde_json::from_str(&text.value) else {
                continue;
            };
            for member in members.keys() {
                let Some(relationship) = member.strip_suffix(BIND) else {
                    continue;
                };
                if bound.iter().any(|(name, ..)| name == relationship) {
                    continue;
                }
                let value = &members[member];
                let example = value
                    .as_array()
                    .and_then(|references| references.first())
                    .unwrap_or(value)
                    .as_str()
                    .unwrap_or_default();
                if let Some(ty) = self.property_type(entity, relationship) {
                    bound.push((relationship.to_owned(), ty, example.to_owned()));
                }
            }
        }
        bound
            .into_iter()
            .map(|(relationship, ty, example)| {
                let collection = TypeRef::parse(ty).collection;
                let wanted = naming::field_name(&format!("bind {relationship}"));
                let claimed = methods.claim(&wanted, "the method binding a relationship");
                let (parameter, what) = if collection {
                    ("references", "the URL of each existing entity")
                } else {
                    ("reference", "the URL of an existing entity")
                };
                let mut docs = format!(
                    "Binds **{relationship}** (`{ty}`) by reference, to {what} (the page's \
                     example: `{example}`): sent as `\"{relationship}{BIND}\"` with the body, \
                     replacing an earlier binding."
                );
                if let Some(note) = claimed.note(&wanted) {
                    docs.push_str("\n\n");
                    docs.push_str(&note);
                }
                Binding {
                    method: claimed.name,
                    parameter: parameter.to_owned(),
                    relationship,
                    collection,
                    additional: OWN_FIELDS[1].0.to_owned(),
                    docs,
                }
            })
            .collect()
    }
}
