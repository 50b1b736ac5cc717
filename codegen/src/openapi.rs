//! Exports a validated spec as an OpenAPI 3.0 document, so other tools (other generators,
//! validators, `cargo-progenitor` for comparison) can work from the same API description.

use serde_json::{Map, Value, json};

use crate::load::Spec;
use crate::spec::{Endpoint, Entity, Placement};
use crate::template;
use crate::vocabulary::{HttpMethod, TypeRef};

/// The OpenAPI 3.0.3 document of `spec` (which [`crate::validate::validate`] accepted).
pub fn openapi(spec: &Spec) -> Value {
    let api = &spec.api.item;
    let mut schemas = Map::new();
    for page in spec.entities.iter().chain(&spec.complex_types) {
        schemas.insert(
            page.item.name.value.clone(),
            object_schema(&page.item, &api.namespace.value),
        );
    }
    for enumeration in &spec.enums {
        let item = &enumeration.item;
        let values: Vec<&str> = item.members.iter().map(|m| m.name.value.as_str()).collect();
        schemas.insert(
            item.name.value.clone(),
            json!({"type": "string", "enum": values, "description": item.description}),
        );
    }
    for opaque in &spec.opaque_types {
        schemas.insert(
            opaque.item.value.clone(),
            json!({"type": "object", "description": "Documented elsewhere; any JSON object."}),
        );
    }

    // Dotted, as in Microsoft's own OpenAPI document: documented type names have no dots.
    schemas.insert(
        ERROR_SCHEMA.to_owned(),
        json!({
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "innerError": {"type": "object", "additionalProperties": true},
                    },
                },
            },
        }),
    );

    let mut paths = Map::new();
    for endpoint in &spec.endpoints {
        let item = &endpoint.item;
        let path = paths
            .entry(item.path.value.clone())
            .or_insert_with(|| json!({}));
        if let Some(operations) = path.as_object_mut() {
            operations.insert(
                item.method.value.as_str().to_ascii_lowercase(),
                operation(item),
            );
        }
    }

    json!({
        "openapi": "3.0.3",
        "info": {
            "title": format!("Microsoft Graph {} ({})", api.version.value, api.namespace.value),
            "version": api.version.value,
            "description": api.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("\n\n"),
        },
        "servers": [{"url": format!("https://graph.microsoft.com/{}", api.version.value)}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "responses": {"error": error_response()},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    })
}

/// The schema of Graph's error body.
const ERROR_SCHEMA: &str = "microsoft.graph.ODataErrors.ODataError";

/// What every operation answers with an error status.
fn error_response() -> Value {
    json!({
        "description": "A Graph error: `{\"error\": {\"code\", \"message\", \"innerError\"}}`",
        "content": {"application/json": {"schema": reference(ERROR_SCHEMA)}},
    })
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// The JSON schema of a documented type reference (`String`, `widget collection`, …).
fn type_schema(documented: &str) -> Value {
    let reference_type = TypeRef::parse(documented);
    let element = match reference_type.primitive() {
        Some(primitive) => match primitive.openapi() {
            (ty, Some(format)) => json!({"type": ty, "format": format}),
            (ty, None) => json!({"type": ty}),
        },
        None => reference(reference_type.name),
    };
    if reference_type.collection {
        json!({"type": "array", "items": element})
    } else {
        element
    }
}

fn object_schema(item: &Entity, namespace: &str) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "@odata.type".to_owned(),
        json!({"type": "string", "example": format!("#{namespace}.{}", item.name.value)}),
    );
    for property in item.properties.iter().chain(&item.relationships) {
        let mut schema = type_schema(&property.ty.value);
        if let Some(object) = schema.as_object_mut()
            && !object.contains_key("$ref")
        {
            object.insert("description".to_owned(), json!(property.description));
        }
        properties.insert(property.name.value.clone(), schema);
    }
    let own = json!({
        "type": "object",
        "description": item.description,
        "properties": properties,
        "additionalProperties": true,
    });
    match &item.base_type {
        Some(base) => json!({"allOf": [reference(&base.value), own]}),
        None => own,
    }
}

fn operation(item: &Endpoint) -> Value {
    let mut parameters: Vec<Value> = template::parse(&item.path.value)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|part| match part {
            template::Part::Placeholder(name) => Some(json!({
                "name": name, "in": "path", "required": true, "schema": {"type": "string"},
            })),
            template::Part::Literal(_) => None,
        })
        .collect();
    if item.method.value == HttpMethod::Get
        && (item.odata_query_parameters || item.response.collection)
    {
        for option in [
            "$select", "$expand", "$filter", "$orderby", "$top", "$skip", "$count", "$search",
        ] {
            let schema = match option {
                "$top" | "$skip" => json!({"type": "integer", "minimum": 0}),
                "$count" => json!({"type": "boolean"}),
                _ => json!({"type": "string"}),
            };
            parameters
                .push(json!({"name": option, "in": "query", "required": false, "schema": schema}));
        }
    }

    let mut operation = json!({
        "operationId": item.name.value.replace(' ', "_"),
        "summary": item.name.value,
        "description": item.summary,
        "parameters": parameters,
        "responses": {},
    });
    if let Some(body) = &item.request_body {
        let schema = match (&body.ty, body.placement) {
            (Some(ty), _) => Some(type_schema(&ty.value)),
            (None, Placement::Body) => {
                let properties: Map<String, Value> = body
                    .parameters
                    .iter()
                    .map(|p| (p.name.value.clone(), type_schema(&p.ty.value)))
                    .collect();
                Some(json!({"type": "object", "properties": properties}))
            }
            (None, Placement::Url) => {
                if let Some(list) = operation["parameters"].as_array_mut() {
                    list.extend(body.parameters.iter().map(|p| {
                        json!({"name": p.name.value, "in": "query", "required": true, "schema": type_schema(&p.ty.value)})
                    }));
                }
                None
            }
        };
        if let Some(schema) = schema {
            operation["requestBody"] = json!({
                "description": body.description,
                "required": true,
                "content": {"application/json": {"schema": schema}},
            });
        }
    }
    let response = &item.response;
    let description = if response.description.is_empty() {
        "Success".to_owned()
    } else {
        response.description.clone()
    };
    let mut success = json!({"description": description});
    if let Some(ty) = &response.ty {
        let schema = if response.collection {
            json!({
                "type": "object",
                "properties": {
                    "value": {"type": "array", "items": type_schema(&ty.value)},
                    "@odata.nextLink": {"type": "string"},
                    "@odata.count": {"type": "integer", "format": "int64"},
                },
            })
        } else if TypeRef::parse(&ty.value).primitive().is_some() {
            json!({"type": "object", "properties": {"value": type_schema(&ty.value)}})
        } else {
            type_schema(&ty.value)
        };
        success["content"] = json!({"application/json": {"schema": schema}});
    }
    operation["responses"][response.status.value.code().to_string()] = success;
    // Ranges, not `default`: a tool may read `default` as a possible success.
    for range in ["4XX", "5XX"] {
        operation["responses"][range] = json!({"$ref": "#/components/responses/error"});
    }
    operation
}
