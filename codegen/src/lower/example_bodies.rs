//! The documentation's example bodies, each paired with the type that must read it: the
//! generated crate's examples test module reads every one into its type and writes it back.

use std::fmt::Write as _;

use super::{EXAMPLES_MODULE, Lowering};
use crate::ir::{Body, ExampleBody, ExamplesModule, ItemKind, OperationKind, Resource, RustType};
use crate::spec;
use crate::vocabulary::TypeRef;

impl<'a> Lowering<'a, '_> {
    /// The examples test module, when an operation of `resources` has an example body.
    pub(super) fn examples_module(&self, resources: &[Resource]) -> Option<ExamplesModule> {
        let checked = resources
            .iter()
            .flat_map(|resource| &resource.items)
            .filter_map(|item| match &item.kind {
                ItemKind::Operation(operation) => Some(operation.examples.len()),
                _ => None,
            })
            .sum::<usize>();
        if checked == 0 {
            return None;
        }
        let mut docs = format!(
            "The documentation's example bodies, {checked} of them, each read into the type \
             its operation documents and written back: the JSON must come back the same (as \
             `check` defines it). A test per operation, compiled with the operation's features."
        );
        if !self.unread_examples.is_empty() {
            let _ = write!(
                docs,
                "\n\nExample bodies no generated type can read, as the documentation has \
                 them ({}):\n",
                self.unread_examples.len()
            );
            for unread in &self.unread_examples {
                let _ = write!(docs, "\n- {unread}");
            }
        }
        Some(ExamplesModule {
            module: EXAMPLES_MODULE.to_owned(),
            docs,
        })
    }

    /// The example bodies of `item` with the type of each: the request body's type (the
    /// entity itself for an update, whose `PATCH` body is the entity's JSON), or the output.
    /// A body that is not JSON, or that no documented type describes, is listed in
    /// [`Lowering::unread_examples`] with the reason instead.
    pub(super) fn example_bodies(
        &mut self,
        item: &'a spec::Endpoint,
        kind: OperationKind,
        body: Option<&Body>,
        output: &RustType,
    ) -> Vec<ExampleBody> {
        let request = match (&item.request_body, kind) {
            (Some(spec::RequestBody { ty: Some(ty), .. }), OperationKind::Update) => {
                Some(self.rust_type(&ty.value))
            }
            _ => body.map(|body| body.ty.clone()),
        };
        // An update's documented answer is the entity itself (`Updated` adds only `204`).
        let response = match output {
            RustType::Unit => None,
            RustType::Updated(entity) => Some((**entity).clone()),
            output => Some(output.clone()),
        };
        // Content (bytes, text, a `Location`) is no JSON document: its examples show a file's
        // text or nothing, which no type reads.
        let request_content = matches!(request, Some(RustType::Upload));
        let response_content = matches!(
            response,
            Some(RustType::Content | RustType::Text | RustType::Location)
        );
        let documented = item
            .response
            .ty
            .as_ref()
            .map(|ty| TypeRef::parse(&ty.value).name);
        let own_value = documented.is_some_and(|name| self.has_value_property(name));
        let page = &item.page.source.value;
        let mut bodies = Vec::new();
        for (number, example) in item.examples.iter().enumerate() {
            let messages = [
                (Message::Request, &example.request.body, &request),
                (Message::Response, &example.response.body, &response),
            ];
            for (message, text, ty) in messages {
                let Some(text) = text else { continue };
                let content = match message {
                    Message::Request => request_content,
                    Message::Response => response_content,
                };
                if content {
                    continue;
                }
                let label = format!(
                    "{}, example {}, {message} ({page})",
                    item.name.value,
                    number + 1
                );
                let json: serde_json::Value = match serde_json::from_str(&text.value) {
                    Ok(json) => json,
                    Err(error) => {
                        self.unread_examples
                            .push(format!("{label}: the body is not JSON ({error})"));
                        continue;
                    }
                };
                let Some(ty) = ty else {
                    self.unread_examples.push(format!(
                        "{label}: the page documents no {message} type to read it"
                    ));
                    continue;
                };
                let wrapped = match documented {
                    Some(documented) if message == Message::Response => {
                        wrapped_entity(json, ty, documented, own_value)
                    }
                    _ => Err(json),
                };
                let (json, label) = match wrapped {
                    Ok(entity) => (
                        entity,
                        format!("{label}, unwrapped from the page's `{{\"value\": …}}`"),
                    ),
                    Err(json) => (json, label),
                };
                bodies.push(ExampleBody {
                    label,
                    ty: ty.clone(),
                    json: json.to_string(),
                });
            }
        }
        bodies
    }

    /// Whether the documented type, or a type it derives from, has a property named `value`.
    fn has_value_property(&self, documented: &str) -> bool {
        let mut next = self.symbols.page(documented);
        // Validation refuses cycles of base types; the bound only makes that plain here.
        for _ in 0..=self.spec.entities.len() + self.spec.complex_types.len() {
            let Some(page) = next else { return false };
            if page.item.properties.iter().any(|p| p.name.value == "value") {
                return true;
            }
            next = page
                .item
                .base_type
                .as_ref()
                .and_then(|base| self.symbols.page(&base.value));
        }
        false
    }
}

/// Which message of an example a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Message {
    Request,
    Response,
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Message::Request => "request",
            Message::Response => "response",
        })
    }
}

/// Some pages show a single entity or complex value wrapped as `{"value": {…}}`, which the
/// service does not send: the value inside, when the type read is one entity and the inside
/// is it: its `@odata.type` names the documented type, or the type has no `value` property
/// that the wrapper could be.
fn wrapped_entity(
    json: serde_json::Value,
    ty: &RustType,
    documented: &str,
    own_value: bool,
) -> Result<serde_json::Value, serde_json::Value> {
    let one_entity = matches!(ty, RustType::Named(_) | RustType::Polymorphic { .. });
    let inside = match &json {
        serde_json::Value::Object(object) if one_entity && object.len() == 1 => {
            object.get("value").filter(|inside| inside.is_object())
        }
        _ => None,
    };
    let Some(inside) = inside else {
        return Err(json);
    };
    let names_documented = inside
        .get("@odata.type")
        .and_then(serde_json::Value::as_str)
        .and_then(|odata| odata.trim_start_matches('#').rsplit('.').next())
        .is_some_and(|name| name == documented);
    if names_documented || !own_value {
        Ok(inside.clone())
    } else {
        Err(json)
    }
}
