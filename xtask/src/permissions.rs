//! `cargo xtask permissions`: the least privileged permissions for operations of the spec,
//! computed by the generated crate's own `least_privilege` (compiled into the generator).

use std::path::Path;

use msgraph_codegen::ir::{Crate, ItemKind, OperationSummary};
use msgraph_codegen::permissions::{PermissionType, least_privilege};

/// How many close names an unknown one is answered with.
const HINTS: usize = 3;

/// An operation of the spec: its request type's path below the crate (`security::GetAlert`)
/// and its documented name.
struct Known<'a> {
    rust_name: String,
    operation: &'a OperationSummary,
}

/// The report for `names` (documented names or request type names), or what is wrong with
/// them.
pub fn report(
    spec_dir: &Path,
    permission_type: PermissionType,
    names: &[String],
) -> Result<String, String> {
    let spec = msgraph_codegen::load::load(spec_dir).map_err(|d| d.to_string())?;
    let symbols = msgraph_codegen::validate::validate(&spec).map_err(|d| d.to_string())?;
    // The operations' files are not needed.
    let krate = msgraph_codegen::lower::lower(&spec, &symbols, drop);
    let known = operations(&krate);

    let mut chosen: Vec<&Known<'_>> = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        match resolve(&known, name) {
            Ok(operation) => {
                if !chosen.iter().any(|c| std::ptr::eq(*c, operation)) {
                    chosen.push(operation);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }

    let labels: Vec<String> = chosen
        .iter()
        .map(|k| format!("{} ({})", k.operation.documented_name, k.rust_name))
        .collect();
    let names: Vec<[Vec<&str>; 3]> = chosen
        .iter()
        .map(|k| k.operation.permissions.names())
        .collect();
    let tables: Vec<(&str, msgraph_codegen::permissions::Permissions<'_>)> = chosen
        .iter()
        .zip(&labels)
        .zip(&names)
        .map(|((k, label), names)| (label.as_str(), k.operation.permissions.runtime(names)))
        .collect();
    Ok(least_privilege(&tables, permission_type).to_string())
}

/// Every operation of the crate.
fn operations(krate: &Crate) -> Vec<Known<'_>> {
    krate
        .resources
        .iter()
        .flat_map(|resource| &resource.items)
        .filter_map(|item| match &item.kind {
            ItemKind::Operation(operation) => Some(Known {
                rust_name: item.path().relative(),
                operation,
            }),
            _ => None,
        })
        .collect()
}

/// The operation `name` names: its request type, else its documented name (in any case) when
/// only one operation has it.
fn resolve<'k, 'a>(known: &'k [Known<'a>], name: &str) -> Result<&'k Known<'a>, String> {
    if let Some(exact) = known.iter().find(|k| k.rust_name == name) {
        return Ok(exact);
    }
    let documented: Vec<&Known<'a>> = known
        .iter()
        .filter(|k| k.operation.documented_name.eq_ignore_ascii_case(name))
        .collect();
    match documented.as_slice() {
        [only] => Ok(only),
        [] => Err(format!(
            "error: no operation is named `{name}`\n  hint: did you mean {}?",
            closest(known, name)
        )),
        several => Err(format!(
            "error: {} operations are documented as `{name}`\n  hint: name one by its request type: {}",
            several.len(),
            several
                .iter()
                .map(|k| format!("`{}`", k.rust_name))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The names, documented or Rust, most like `name`.
fn closest(known: &[Known<'_>], name: &str) -> String {
    let wanted = name.to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .iter()
        .flat_map(|k| [k.rust_name.as_str(), k.operation.documented_name.as_str()])
        .map(|candidate| {
            let score = strsim::jaro_winkler(&wanted, &candidate.to_lowercase());
            (score, candidate)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut hints: Vec<String> = Vec::new();
    for (_, candidate) in scored {
        let hint = format!("`{candidate}`");
        if !hints.contains(&hint) {
            hints.push(hint);
        }
        if hints.len() == HINTS {
            break;
        }
    }
    hints.join(", ")
}

/// The permission type of the tables' rows, as the command line spells it.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum TypeArg {
    /// Delegated (work or school account).
    Delegated,
    /// Delegated (personal Microsoft account).
    Personal,
    /// Application.
    Application,
}

impl From<TypeArg> for PermissionType {
    fn from(arg: TypeArg) -> Self {
        match arg {
            TypeArg::Delegated => Self::DelegatedWorkOrSchool,
            TypeArg::Personal => Self::DelegatedPersonalAccount,
            TypeArg::Application => Self::Application,
        }
    }
}
