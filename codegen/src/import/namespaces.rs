//! The namespaces of the types a page names. The spec names a type of `api.yaml`'s namespace
//! plainly (`alert`) and a type of any other by its qualified name
//! (`microsoft.graph.security.alert`), so once a page is read its names are rewritten: its own
//! type takes the namespace of the page's "Namespace:" line, a name qualified by `api.yaml`'s
//! namespace loses it (`microsoft.graph.user` → `user`), and a plain name the page links to a
//! page of its own namespace's family (`[workflowBase](identitygovernance-workflowbase.md)` on a
//! page of `microsoft.graph.identityGovernance`) is qualified by that namespace.

use std::collections::BTreeMap;

use crate::spec::SpecFile;
use crate::vocabulary::{TypeName, TypeRef};

use super::markdown::links;
use super::page::{Block, Page};
use super::parsed::{Context, Parsed};
use super::parts::page_namespace;

/// How the names of one page are qualified.
struct Qualifier<'p> {
    /// `api.yaml`'s namespace, when there is one.
    api: Option<&'p str>,
    /// The page's namespace, when it is not `api.yaml`'s.
    page: Option<&'p str>,
    /// The file stem (lower case) each link text of the page points to; the first link wins.
    links: BTreeMap<String, String>,
}

/// Rewrites the type names of `parsed`, read from `page`, as the spec writes them.
pub fn qualify(page: &Page, context: &Context, parsed: &mut Parsed) {
    let api = context.namespace.as_deref();
    let page_ns = page_namespace(page)
        .map(|(_, namespace)| namespace)
        .filter(|namespace| Some(*namespace) != api);
    let qualifier = Qualifier {
        api,
        page: page_ns,
        links: page_links(page),
    };
    let reference = |ty: &mut String| *ty = qualifier.reference(ty);
    match &mut parsed.file {
        SpecFile::Entity(entity) | SpecFile::ComplexType(entity) => {
            entity.name.value = qualifier.own(&entity.name.value);
            if let Some(base) = &mut entity.base_type {
                reference(&mut base.value);
            }
            for property in entity
                .properties
                .iter_mut()
                .chain(&mut entity.relationships)
            {
                reference(&mut property.ty.value);
            }
        }
        SpecFile::Enum(enumeration) => {
            enumeration.name.value = qualifier.own(&enumeration.name.value);
        }
        SpecFile::Endpoint(endpoint) => {
            if let Some(ty) = &mut endpoint.response.ty {
                reference(&mut ty.value);
            }
            if let Some(body) = &mut endpoint.request_body {
                if let Some(ty) = &mut body.ty {
                    reference(&mut ty.value);
                }
                for parameter in &mut body.parameters {
                    reference(&mut parameter.ty.value);
                }
            }
        }
        SpecFile::Api(_) | SpecFile::OpaqueTypes(_) => {}
    }
    if let Some((name, properties)) = &mut parsed.body_properties {
        reference(name);
        for property in properties {
            reference(&mut property.ty.value);
        }
    }
    for subject in &mut parsed.subjects {
        reference(subject);
    }
}

impl Qualifier<'_> {
    /// The spec name of the type the page documents, named `name` by its title.
    fn own(&self, name: &str) -> String {
        match self.page {
            Some(namespace) if !name.contains('.') => format!("{namespace}.{name}"),
            _ => name.to_owned(),
        }
    }

    /// The spec spelling of a Type cell (`alert`, `microsoft.graph.user collection`).
    fn reference(&self, cell: &str) -> String {
        let reference = TypeRef::parse(cell);
        let name = self.element(reference.name);
        if name == reference.name {
            return cell.to_owned();
        }
        if reference.collection {
            format!("{name} collection")
        } else {
            name
        }
    }

    fn element(&self, name: &str) -> String {
        if TypeRef::parse(name).primitive().is_some() {
            return name.to_owned();
        }
        let TypeName {
            namespace,
            name: simple,
        } = TypeName::parse(name);
        match namespace {
            Some(namespace) if Some(namespace) == self.api => simple.to_owned(),
            Some(_) => name.to_owned(),
            None => match (self.page, self.links.get(name)) {
                (Some(namespace), Some(stem)) if stem.starts_with(&family_prefix(namespace)) => {
                    format!("{namespace}.{name}")
                }
                _ => name.to_owned(),
            },
        }
    }
}

/// The file-name prefix of a namespace's pages: `security-` for `microsoft.graph.security`,
/// `identitygovernance-` for `microsoft.graph.identityGovernance`.
fn family_prefix(namespace: &str) -> String {
    let last = namespace.rsplit('.').next().unwrap_or(namespace);
    format!("{}-", last.to_ascii_lowercase())
}

/// Each link text of the page's paragraphs and tables with the file stem it points to.
fn page_links(page: &Page) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut add = |text: &str| {
        for (label, target) in links(text) {
            let file = target.split(['#', '?']).next().unwrap_or_default();
            let file = file.rsplit('/').next().unwrap_or(file);
            let Some(stem) = file.strip_suffix(".md") else {
                continue;
            };
            out.entry(label.trim().to_owned())
                .or_insert_with(|| stem.to_ascii_lowercase());
        }
    };
    let blocks = page
        .intro
        .iter()
        .chain(page.sections.iter().flat_map(|s| &s.blocks));
    for located in blocks {
        match &located.block {
            Block::Paragraph(text) => add(text),
            Block::Table(Ok(table)) => {
                for cell in table.rows.iter().flat_map(|row| &row.cells) {
                    add(cell);
                }
            }
            _ => {}
        }
    }
    out
}
