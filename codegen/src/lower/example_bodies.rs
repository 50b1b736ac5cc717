//! The documentation's example bodies, each paired with the type that must read it: the
//! generated crate's examples test module reads every one into its type and writes it back.

use std::fmt::Write as _;
use std::path::Path;

use super::{EXAMPLES_MODULE, Lowering};
use crate::ir::{
    Body, ExampleBody, ExamplesModule, ExamplesTest, OperationKind, ResourceTests, RustType,
};
use crate::primitive::Primitive;
use crate::spec::{self, ExampleHeader};
use crate::vocabulary::{BodyContent, TypeName, TypeRef};

impl<'a> Lowering<'a, '_> {
    /// Adds the test of the operation `module` of the resource folder of `file`, when it has
    /// example bodies, to its resource's tests. Those of the resource before are then
    /// complete (`finish_tests`): endpoints come in file order, so each folder's come together.
    pub(super) fn add_test(&mut self, file: &Path, module: &str, examples: Vec<ExampleBody>) {
        if examples.is_empty() {
            return;
        }
        let folder = self.resource(file);
        let resource = &self.resources[&folder];
        if self
            .tests
            .as_ref()
            .is_none_or(|tests| tests.resource != resource.module)
        {
            let started = ResourceTests {
                examples_module: EXAMPLES_MODULE.to_owned(),
                resource: resource.module.clone(),
                feature: resource.feature.clone(),
                source: resource.source.clone(),
                tests: Vec::new(),
            };
            self.finish_tests();
            self.tests = Some(started);
        }
        if let Some(tests) = &mut self.tests {
            tests.tests.push(ExamplesTest {
                name: module.to_owned(),
                examples,
            });
        }
    }

    /// Completes the tests of the resource whose operations were lowered last, in item order,
    /// for the caller to take (`finished_tests`).
    pub(super) fn finish_tests(&mut self) {
        let Some(mut tests) = self.tests.take() else {
            return;
        };
        tests.tests.sort_by(|a, b| a.name.cmp(&b.name));
        self.checked += tests.tests.iter().map(|t| t.examples.len()).sum::<usize>();
        self.tested.push(tests.resource.clone());
        self.finished_tests = Some(tests);
    }

    /// The examples test module, when an operation has an example body.
    pub(super) fn examples_module(&self) -> Option<ExamplesModule> {
        let checked = self.checked;
        if checked == 0 {
            return None;
        }
        let mut docs = format!(
            "The documentation's example bodies, {checked} of them, each read into the type \
             its operation documents and written back: the JSON must come back the same (as \
             `check` defines it). A test per operation, compiled with the feature of the \
             operation's resource."
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
        let mut resources = self.tested.clone();
        resources.sort();
        Some(ExamplesModule {
            module: EXAMPLES_MODULE.to_owned(),
            docs,
            resources,
        })
    }

    /// The example bodies of `item` with the type of each: the request body's type (the
    /// entity itself for an update, whose `PATCH` body is the entity's JSON), or the output.
    /// A body that is not JSON, or that no documented type describes, is listed in
    /// [`Lowering::unread_examples`] with the reason instead.
    pub(super) fn example_bodies(
        &mut self,
        item: &spec::Endpoint,
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
                (
                    Message::Request,
                    &example.request.body,
                    &example.request.headers,
                    &request,
                ),
                (
                    Message::Response,
                    &example.response.body,
                    &example.response.headers,
                    &response,
                ),
            ];
            for (message, text, headers, ty) in messages {
                let Some(text) = text else { continue };
                let content = match message {
                    Message::Request => request_content,
                    Message::Response => response_content,
                };
                let label = format!(
                    "{}, example {}, {message} ({page})",
                    item.name.value,
                    number + 1
                );
                if content {
                    // A JSON answer of an operation documented to answer content is its other
                    // form (a report's `$format=application/json`), of a type the page names
                    // nowhere else.
                    let reason = if ExampleHeader::content(headers)
                        .is_some_and(|declared| declared.is_json())
                    {
                        "JSON, where the operation answers content (another `$format`)"
                    } else {
                        "content, which the operation carries as bytes, not JSON"
                    };
                    self.unread_examples.push(format!(
                        "{label}: {reason}; kept as documentation, not read"
                    ));
                    continue;
                }
                // The operation's other form of body, such as a MIME message a JSON operation
                // also takes as `text/plain`: kept as the page shows it, no type reads it.
                if let Some(declared) = ExampleHeader::content_type(headers)
                    .filter(|media| !BodyContent::of_media_type(media).is_json())
                {
                    self.unread_examples.push(format!(
                        "{label}: `{declared}` content, not the operation's JSON; kept as \
                         documentation, not read"
                    ));
                    continue;
                }
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
                if let Some(unreadable) = self.unreadable_body(&json, message, item) {
                    self.unread_examples.push(format!(
                        "{label}: {unreadable}; kept as documentation, not read"
                    ));
                    continue;
                }
                bodies.push(ExampleBody {
                    label,
                    ty: ty.clone(),
                    json: super::exact(json.to_string()),
                });
            }
        }
        bodies
    }

    /// The first value of an example body that its documented type does not read, such as
    /// `"datetime-value"` where a `DateTimeOffset` belongs: the page shows a placeholder, and
    /// the body is no message the generated types could read. Members no documented property
    /// names (annotations, `@odata.bind`) are the models' additional properties, read as any
    /// JSON.
    fn unreadable_body(
        &self,
        json: &serde_json::Value,
        message: Message,
        item: &spec::Endpoint,
    ) -> Option<Unreadable> {
        match message {
            Message::Response => {
                let ty = TypeRef::parse(&item.response.ty.as_ref()?.value);
                if item.response.collection {
                    let items = json.get("value")?;
                    let collection = TypeRef {
                        collection: true,
                        ..ty
                    };
                    self.unreadable(items, collection, "value".to_owned())
                } else if let (Some(_), Some(inside)) = (ty.primitive(), json.get("value")) {
                    // A primitive answer comes as `{"value": …}`, which the runtime unwraps.
                    self.unreadable(inside, ty, "value".to_owned())
                } else {
                    self.unreadable(json, ty, String::new())
                }
            }
            Message::Request => {
                let body = item.request_body.as_ref()?;
                match &body.ty {
                    Some(ty) => self.unreadable(json, TypeRef::parse(&ty.value), String::new()),
                    // Members that name no parameter are the body's additional properties.
                    None => self.unreadable_members(json.as_object()?, "", |member| {
                        body.parameters
                            .iter()
                            .find(|parameter| parameter.name.value == member)
                            .map(|parameter| parameter.ty.value.as_str())
                    }),
                }
            }
        }
    }

    /// The first value below `json`, at `at`, that `ty` does not read.
    fn unreadable(
        &self,
        json: &serde_json::Value,
        ty: TypeRef<'_>,
        at: String,
    ) -> Option<Unreadable> {
        if ty.collection {
            // Anything but an array is the reader's own error, which the test reports.
            let element = TypeRef {
                collection: false,
                ..ty
            };
            return json
                .as_array()?
                .iter()
                .enumerate()
                .find_map(|(index, value)| {
                    self.unreadable(value, element, format!("{at}[{index}]"))
                });
        }
        if let Some(primitive) = ty.primitive() {
            return (!primitive.reads(json)).then(|| Unreadable {
                at,
                value: json.to_string(),
                primitive,
            });
        }
        let object = json.as_object()?;
        // A derived type's value names itself; its own properties are read as its type's.
        let name = object
            .get("@odata.type")
            .and_then(serde_json::Value::as_str)
            .map(|odata| TypeName::from_odata_type(odata, self.namespace))
            .filter(|name| self.symbols.page(name).is_some())
            .unwrap_or(ty.name);
        self.unreadable_members(object, &at, |member| self.property_type(name, member))
    }

    /// The first member of `object` whose value its type, as `type_of` tells it, does not read.
    fn unreadable_members<'t>(
        &self,
        object: &serde_json::Map<String, serde_json::Value>,
        at: &str,
        type_of: impl Fn(&str) -> Option<&'t str>,
    ) -> Option<Unreadable> {
        object.iter().find_map(|(member, value)| {
            let ty = TypeRef::parse(type_of(member)?);
            let at = if at.is_empty() {
                member.clone()
            } else {
                format!("{at}.{member}")
            };
            self.unreadable(value, ty, at)
        })
    }

    /// The documented type of `documented`'s property or relationship `member`, inherited ones
    /// included.
    pub(super) fn property_type(&self, documented: &str, member: &str) -> Option<&'a str> {
        self.lineage(documented).find_map(|page| {
            page.item
                .properties
                .iter()
                .chain(&page.item.relationships)
                .find(|property| property.name.value == member)
                .map(|property| property.ty.value.as_str())
        })
    }

    /// Whether the documented type, or a type it derives from, has a property named `value`.
    fn has_value_property(&self, documented: &str) -> bool {
        self.lineage(documented)
            .any(|page| page.item.properties.iter().any(|p| p.name.value == "value"))
    }
}

/// A value of an example body that its type does not read, and where it is.
struct Unreadable {
    /// The member path, `value[0].receivedDateTime`; empty for the body itself.
    at: String,
    /// The value as JSON.
    value: String,
    /// The type that does not read it.
    primitive: Primitive,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Unreadable {
            at,
            value,
            primitive,
        } = self;
        let primitive = primitive.documented();
        if at.is_empty() {
            write!(f, "the body `{value}` is no `{primitive}`")?;
        } else {
            write!(f, "`{at}` is `{value}`, no `{primitive}`")?;
        }
        f.write_str(": a placeholder, not a message the service sends")
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
