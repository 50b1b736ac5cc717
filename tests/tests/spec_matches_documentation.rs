//! The checked-in spec against the documentation pages it renders (`page.source`): property and
//! member tables, the request line, permissions and examples must say the same. Skipped, with a
//! notice, when the documentation folder is absent.

use std::path::Path;

use msgraph_codegen::load::{Spec, load};
use msgraph_tests::{graph_docs_dir, spec_dir};
use serde_json::Value;

/// The rows of the first table after `heading`, each split into trimmed cells.
fn table(page: &str, heading: &str) -> Vec<Vec<String>> {
    let start = page
        .find(heading)
        .unwrap_or_else(|| panic!("the page has `{heading}`"));
    page[start..]
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2) // header and separator
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_owned())
                .collect()
        })
        .collect()
}

/// `[text](target)` → `text`.
fn unlink(cell: &str) -> String {
    match (cell.strip_prefix('['), cell.find("](")) {
        (Some(_), Some(end)) => cell[1..end].to_owned(),
        _ => cell.to_owned(),
    }
}

/// The JSON body of the first ```http block after `heading`.
fn example_json(page: &str, heading: &str) -> Value {
    let start = page
        .find(heading)
        .unwrap_or_else(|| panic!("the page has `{heading}`"));
    let block = &page[start..];
    let body_start = block.find("\n{").expect("the example has a JSON body") + 1;
    let body_end = body_start + block[body_start..].find("\n```").expect("the block ends");
    serde_json::from_str(&block[body_start..body_end]).expect("the documented example is JSON")
}

fn read_page(docs: &Path, source: &str) -> String {
    std::fs::read_to_string(docs.join(source)).unwrap_or_else(|e| panic!("{source}: {e}"))
}

fn spec() -> Spec {
    load(&spec_dir()).expect("the spec loads")
}

#[test]
fn entity_properties_match_the_resource_page() {
    let Some(docs) = graph_docs_dir() else { return };
    for entity in spec().entities {
        let entity = entity.item;
        let page = read_page(&docs, &entity.page.source.value);
        let rows = table(&page, "## Properties");
        let documented: Vec<(String, String, String)> = rows
            .iter()
            .map(|r| (r[0].clone(), unlink(&r[1]), r[2].clone()))
            .collect();
        let spec: Vec<(String, String, String)> = entity
            .properties
            .iter()
            .map(|p| {
                (
                    p.name.value.clone(),
                    p.ty.value.clone(),
                    p.description.clone(),
                )
            })
            .collect();
        assert_eq!(spec, documented, "{}", entity.page.source.value);
        assert!(page.contains(&format!(
            "\"keyProperty\": \"{}\"",
            entity.key.expect("a key").value
        )));
        assert!(page.contains(&format!("\n{}\n", entity.description)));
    }
}

#[test]
fn enum_members_match_the_enum_page() {
    let Some(docs) = graph_docs_dir() else { return };
    for enumeration in spec().enums {
        let enumeration = enumeration.item;
        let page = read_page(&docs, &enumeration.page.source.value);
        let documented: Vec<Vec<String>> = table(&page, "## Members");
        let spec: Vec<Vec<String>> = enumeration
            .members
            .iter()
            .map(|m| {
                vec![
                    m.name.value.clone(),
                    m.value.to_string(),
                    m.description.clone(),
                ]
            })
            .collect();
        assert_eq!(spec, documented, "{}", enumeration.page.source.value);
    }
}

#[test]
fn endpoints_match_their_api_pages() {
    let Some(docs) = graph_docs_dir() else { return };
    let spec = spec();
    for endpoint in &spec.endpoints {
        let endpoint = &endpoint.item;
        let page = read_page(&docs, &endpoint.page.source.value);
        assert!(page.contains(&format!("title: \"{}\"", endpoint.name.value)));
        assert!(page.contains(&format!(
            "\n{} {}\n",
            endpoint.method.value, endpoint.path.value
        )));

        let permissions: Vec<Vec<String>> = table(&page, "|Permission type|");
        let cell = |scopes: &Vec<String>| {
            if scopes.is_empty() {
                "Not supported.".to_owned()
            } else {
                scopes.join(", ")
            }
        };
        let p = &endpoint.permissions;
        assert_eq!(permissions[0][1], cell(&p.delegated_work_or_school));
        assert_eq!(permissions[1][1], cell(&p.delegated_personal_account));
        assert_eq!(permissions[2][1], cell(&p.application));

        let headers: Vec<Vec<String>> = table(&page, "## Request headers");
        let spec_headers: Vec<Vec<String>> = endpoint
            .headers
            .iter()
            .map(|h| {
                let value = h.value.replace('<', "&lt;").replace('>', "&gt;");
                let value = if h.required {
                    format!("{value} Required.")
                } else {
                    value
                };
                vec![h.name.clone(), value]
            })
            .collect();
        assert_eq!(spec_headers, headers);

        // The request-body table lists exactly the properties the spec marks `create`.
        if let Some(ty) = endpoint
            .request_body
            .as_ref()
            .and_then(|body| body.ty.as_ref())
        {
            let listed: Vec<String> = table(&page, "## Request body")
                .into_iter()
                .map(|r| r[0].clone())
                .collect();
            let entity = spec
                .entities
                .iter()
                .find(|e| e.item.name.value == ty.value)
                .expect("entity");
            let create: Vec<String> = entity
                .item
                .properties
                .iter()
                .filter(|p| p.create)
                .map(|p| p.name.value.clone())
                .collect();
            assert_eq!(create, listed);
        }

        let example = &endpoint.examples[0];
        assert_eq!(
            example_json(&page, "### Request"),
            msgraph_tests::json_body(&example.request.body)
        );
        assert_eq!(
            example_json(&page, "### Response"),
            msgraph_tests::json_body(&example.response.body)
        );
        assert!(page.contains(&format!(
            "{} {}\n",
            example.request.method, example.request.url
        )));
        assert!(page.contains(&format!("HTTP/1.1 {} OK", example.response.status)));
    }
}
