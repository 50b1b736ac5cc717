//! The crate root's rustdoc, the page docs.rs shows first: what the crate covers, its features
//! by workload, a quick start with the client and without it, how to find the request type
//! of a documentation page or an HTTP path, and which permissions a program needs.
//!
//! Items of a workload not turned on do not exist, so the page links none of them, and its
//! examples compile only where the sample's feature is on.

use std::fmt::Write as _;

use super::example::use_item;
use super::{Lowering, push_notes};
use crate::docs;
use crate::ir::{
    Feature, Item, ItemKind, Operation, OperationSummary, Package, Resource, TypePath,
};
use crate::permissions::{PermissionType, least_privilege};
use crate::spec::Endpoint;
use crate::vocabulary::HttpMethod;

/// A feature's resources are listed up to this many; a longer list is counted.
const LISTED_MODULES: usize = 8;
/// The least privilege example asks about this many of the sample resource's operations.
const PERMISSION_EXAMPLE_OPERATIONS: usize = 4;

/// The operation the quick start and the lookup example use: the first `GET` in module order,
/// else the first operation.
pub(super) struct Sample {
    /// Where it sorts: not a `GET`, its resource's module, its own module.
    order: (bool, String, String),
    /// Its request type.
    path: TypePath,
    /// The documentation page, as `Page::source`.
    page: String,
    /// The first request line's path.
    request_path: String,
    /// The operation, whole: its file is printed and gone by the time the docs are written.
    operation: Operation,
}

/// The [`Sample`] and the resource it is in, once the resources are final.
struct Shown<'r> {
    resource: &'r Resource,
    sample: &'r Sample,
}

impl Lowering<'_, '_> {
    /// Keeps the operation just lowered as the sample if it sorts before the one kept.
    pub(super) fn offer_sample(
        &mut self,
        endpoint: &Endpoint,
        resource: &str,
        module: &str,
        path: &TypePath,
        operation: &Operation,
    ) {
        let order = (
            operation.method != HttpMethod::Get,
            resource.to_owned(),
            module.to_owned(),
        );
        if self.sample.as_ref().is_some_and(|kept| kept.order <= order) {
            return;
        }
        self.sample = Some(Sample {
            order,
            path: path.clone(),
            page: endpoint.page.source.value.clone(),
            request_path: endpoint.path.value.clone(),
            operation: operation.clone(),
        });
    }

    pub(super) fn crate_docs(
        &self,
        features: &[Feature],
        resources: &[Resource],
        models: &Package,
    ) -> String {
        let operations = resources
            .iter()
            .flat_map(|r| &r.items)
            .filter(|item| matches!(item.kind, ItemKind::Operation(_)))
            .count();
        let mut text = format!(
            "Typed models and requests for Microsoft Graph `{}` (namespace `{}`), generated from \
             its documentation. Resources: {}; operations: {operations}; workload features: \
             {}.\n\n\
             Every operation is a request type implementing [`runtime::Operation`]: it builds an \
             [`http::Request`](runtime::http::Request) and reads the \
             [`http::Response`](runtime::http::Response), so any HTTP client can send it.\n\n\
             The models, each type Graph sends, are defined in the `{}` crate, and each \
             workload's requests in a crate of their own (`{}-<feature>`); this crate re-exports \
             them all, each under its feature: name them through it. Rustc checks the models \
             crate first, then the workloads' requests crates side by side, as many as there \
             are cores, and a build's peak memory is that of the crates checked together, not \
             the whole API's.",
            self.version,
            self.namespace,
            resources.len(),
            features.len(),
            models.name,
            self.spec.api.item.krate.name.value,
        );
        push_notes(&mut text, &self.spec.api.item.notes, self.version);
        self.features_section(&mut text, features);
        let shown = self.sample.as_ref().and_then(|sample| {
            let (_, resource, _) = &sample.order;
            let resource = resources.iter().find(|r| &r.module == resource)?;
            Some(Shown { resource, sample })
        });
        if let Some(shown) = shown {
            self.quick_start(&mut text, &shown);
            self.lookup(&mut text, &shown);
            self.least_privilege(&mut text, &shown);
        }
        text
    }

    fn features_section(&self, text: &mut String, features: &[Feature]) {
        let example = features.first().map_or("all", |f| f.name.as_str());
        let _ = write!(
            text,
            "\n\n# Features\n\n\
             The default features are `client` only: no workload is compiled until you name it. \
             The whole API is thousands of types, and a program that uses one workload should \
             not compile all of them on every clean build. Name the workloads you use, or `all`:\n\n\
             ```toml\n[dependencies]\n{} = {{ version = \"{}\", features = [\"{example}\"] }}\n```\n\n\
             A workload compiles its resources and, type by type, what they use from other \
             workloads (an enum, a complex type), not those workloads whole. An `Any…` enum \
             holds the derived types some enabled feature compiles; a value of another derived \
             type reads as the base type. Without `client` \
             (`default-features = false`) the crate is sans-IO.\n\n\
             - `client` (default): the async `runtime::Client` (reqwest, rustls, gzip, retries).\n\
             - `all`: every workload below.",
            self.spec.api.item.krate.name.value, self.spec.api.item.krate.version.value,
        );
        for feature in features {
            let modules = if feature.modules.len() <= LISTED_MODULES {
                let names: Vec<String> = feature.modules.iter().map(|m| format!("`{m}`")).collect();
                names.join(", ")
            } else {
                format!("{} resources", feature.modules.len())
            };
            let _ = write!(text, "\n- `{}`: {}: {modules}.", feature.name, feature.docs);
        }
    }

    fn quick_start(&self, text: &mut String, shown: &Shown<'_>) {
        let feature = &shown.resource.feature;
        let krate = &self.lib_name;
        let Sample {
            path, operation, ..
        } = shown.sample;
        let _ = write!(
            text,
            "\n\n# Quick start\n\n\
             With the `client` feature, `Client::send` sends an operation and reads its answer \
             (this one needs the `{feature}` feature):\n\n\
             ```no_run\n\
             # #[cfg(all(feature = \"client\", feature = \"{feature}\"))]\n\
             # async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
             use {krate}::runtime::{{AccessToken, Client}};\n\
             {}\n\
             let client = Client::builder(AccessToken::new(\"<token>\")).build()?;\n\
             let output = client.send(&operation).await?;\n\
             # Ok(())\n\
             # }}\n\
             # fn main() {{}}\n\
             ```\n\n\
             Without it, an operation builds an `http::Request` for any HTTP stack, and reads \
             the `http::Response`:\n\n\
             ```\n\
             # #[cfg(feature = \"{feature}\")]\n\
             # fn main() -> Result<(), Box<dyn std::error::Error>> {{\n\
             {}\
             # }}\n\
             # #[cfg(not(feature = \"{feature}\"))]\n\
             # fn main() {{}}\n\
             ```",
            self.construction(path, operation),
            self.example(path, operation),
        );
    }

    fn lookup(&self, text: &mut String, shown: &Shown<'_>) {
        let Shown { resource, sample } = shown;
        let source = &sample.page;
        let page = source.rsplit('/').next().unwrap_or(source);
        let _ = write!(
            text,
            "\n\n# Finding the request type of a page or a path\n\n\
             Each documentation page becomes one item: a resource page a type, an API page a \
             request type, re-exported at the crate root and from the module of its resource. \
             A page's workload (the word after `intune-` in its file name, or the first word of \
             another page's name) is the feature that compiles it. Each request type's rustdoc \
             starts with the page title, shows the HTTP request line (method and path below the \
             version root) and ends with a link to the page, and its resource module lists its \
             request types; the `name` of `runtime::Operation::INFO` holds the title. For example the page \
             [`{page}`]({}), titled `{}`, documents `{} {}`: its request type is `{}`, in module \
             `{}`, feature `{}`.",
            docs::page_url(source, self.version),
            sample.operation.documented_name,
            sample.operation.method,
            sample.request_path,
            sample.path.relative(),
            resource.module,
            resource.feature,
        );
        if let Some((namespace, first)) = self.namespaces.iter().next() {
            let _ = write!(
                text,
                " A type of another OData namespace, and an operation of its resources, is \
                 re-exported from its namespace's module instead of the crate root: the types \
                 and operations of `{namespace}` from `{}`.",
                first.module
            );
        }
    }
}

impl Lowering<'_, '_> {
    /// Least privilege for the first operations of the sample's resource, under the permission
    /// type that allows most of them, with the answer the example asserts.
    fn least_privilege(&self, text: &mut String, shown: &Shown<'_>) {
        let operations: Vec<(&Item, &OperationSummary)> = shown
            .resource
            .items
            .iter()
            .filter_map(|item| match &item.kind {
                ItemKind::Operation(operation) => Some((item, &**operation)),
                _ => None,
            })
            .take(PERMISSION_EXAMPLE_OPERATIONS)
            .collect();
        let names: Vec<[Vec<&str>; 3]> = operations
            .iter()
            .map(|(_, operation)| operation.permissions.names())
            .collect();
        let tables: Vec<(&str, crate::permissions::Permissions<'_>)> = operations
            .iter()
            .zip(&names)
            .map(|((_, operation), names)| {
                (
                    operation.documented_name.as_str(),
                    operation.permissions.runtime(names),
                )
            })
            .collect();
        // `max_by_key` keeps the last of equals: reversed, the first in the table's order.
        let Some(plan) = PermissionType::ALL
            .into_iter()
            .rev()
            .map(|permission_type| least_privilege(&tables, permission_type))
            .max_by_key(|plan| {
                plan.grants
                    .iter()
                    .map(|g| g.operations.len())
                    .sum::<usize>()
            })
        else {
            return;
        };
        let feature = &shown.resource.feature;
        let krate = &self.lib_name;
        let paths: Vec<TypePath> = operations.iter().map(|(item, _)| item.path()).collect();
        let imported = use_item(krate, &paths);
        let pairs: String = operations
            .iter()
            .map(|(item, _)| {
                let name = &item.name;
                format!("        ({name}::INFO.name, {name}::INFO.permissions),\n")
            })
            .collect();
        let permissions: Vec<String> = plan
            .permissions()
            .iter()
            .map(|permission| format!("{permission:?}"))
            .collect();
        // An empty array literal has no element type to compare with.
        let assertion = if permissions.is_empty() {
            "assert!(plan.permissions().is_empty());".to_owned()
        } else {
            format!(
                "assert_eq!(plan.permissions(), [{}]);",
                permissions.join(", ")
            )
        };
        let _ = write!(
            text,
            "\n\n# Which permissions do I need?\n\n\
             Each request type carries its page's Permissions table in the `permissions` of \
             its [`Operation::INFO`](runtime::Operation::INFO): for each permission \
             type, the permissions any one of which allows the call, least privileged first, \
             or \"Not supported.\". Given the operations a program calls, \
             [`runtime::least_privilege`] picks the fewest permissions that allow them all: a \
             permission that is the only one an operation accepts first, then, greedily, the \
             one that allows most of the operations still uncovered, a tie going to the least \
             privileged; each operation is then listed under the least privileged chosen \
             permission it accepts, so a permission already granted is reused before another \
             is added. Operations no permission of the type allows are listed apart. \
             `cargo xtask permissions` in the generator's repository prints the same over \
             operation names.\n\n\
             ```\n\
             # #[cfg(feature = \"{feature}\")]\n\
             # fn main() {{\n\
             use {krate}::runtime::{{Operation, PermissionType, least_privilege}};\n\
             {imported}\n\n\
             let plan = least_privilege(\n    &[\n{pairs}    ],\n    PermissionType::{:?},\n);\n\
             {assertion}\n\
             println!(\"{{plan}}\");\n\
             # }}\n\
             # #[cfg(not(feature = \"{feature}\"))]\n\
             # fn main() {{}}\n\
             ```\n\n\
             prints\n\n```text\n{plan}\n```\n\n\
             A `403 Forbidden` answer is [`runtime::ResponseError::Forbidden`]: its message \
             names the permissions the operation's page lists for each permission type, next \
             to Graph's own error code and message.",
            plan.permission_type,
        );
    }
}
