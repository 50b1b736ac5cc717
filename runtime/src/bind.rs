//! OData's `@odata.bind` annotation: a body that creates an entity binds its relationships to
//! existing entities by reference, `"owners@odata.bind": ["https://graph.microsoft.com/v1.0/users/{id}"]`,
//! instead of carrying them.

use serde_json::{Map, Value};

/// Binds the collection relationship `relationship` to the entities at `references`, each the
/// URL of one (`https://graph.microsoft.com/v1.0/users/{id}`): writes
/// `"<relationship>@odata.bind": [...]` among a body's additional properties, replacing an
/// earlier binding of the same relationship.
///
/// ```
/// let mut additional = serde_json::Map::new();
/// msgraph_runtime::bind_many(
///     &mut additional,
///     "owners",
///     ["https://graph.microsoft.com/v1.0/users/26be1845-4119-4801-a799-aea79d09f1a2"],
/// );
/// assert_eq!(
///     serde_json::Value::Object(additional),
///     serde_json::json!({
///         "owners@odata.bind": ["https://graph.microsoft.com/v1.0/users/26be1845-4119-4801-a799-aea79d09f1a2"]
///     })
/// );
/// ```
pub fn bind_many<I, S>(additional: &mut Map<String, Value>, relationship: &str, references: I)
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let references = references
        .into_iter()
        .map(|reference| Value::String(reference.into()))
        .collect();
    additional.insert(annotation(relationship), Value::Array(references));
}

/// Binds the single-valued relationship `relationship` to the entity at `reference`:
/// `"<relationship>@odata.bind": "<url>"`.
///
/// ```
/// let mut additional = serde_json::Map::new();
/// msgraph_runtime::bind_one(&mut additional, "manager", "https://graph.microsoft.com/v1.0/users/1");
/// assert_eq!(
///     additional["manager@odata.bind"],
///     "https://graph.microsoft.com/v1.0/users/1"
/// );
/// ```
pub fn bind_one(
    additional: &mut Map<String, Value>,
    relationship: &str,
    reference: impl Into<String>,
) {
    additional.insert(annotation(relationship), Value::String(reference.into()));
}

fn annotation(relationship: &str) -> String {
    format!("{relationship}@odata.bind")
}
