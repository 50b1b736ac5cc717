//! Request paths: each placeholder of a template bound to a field, named by what it
//! addresses, and written in the form its place in the template asks for.

use super::Lowering;
use super::scope::Scope;
use crate::ir::{Parameter, ParameterForm, PathPart, RequestPath};
use crate::naming;
use crate::spec;
use crate::template::{self, Part};

impl Lowering<'_, '_> {
    /// A path template's pieces and a field per placeholder occurrence, claimed in `scope`,
    /// documented by the endpoint's `placeholders`.
    pub(super) fn request_path(
        &self,
        placeholders: &[spec::PathParameter],
        template: &str,
        scope: &mut Scope,
    ) -> RequestPath {
        // Validation accepted the template.
        let pieces = template::parse(template).unwrap_or_default();
        let mut parameters: Vec<Parameter> = Vec::new();
        let mut parts = Vec::new();
        for (at, piece) in pieces.iter().enumerate() {
            let placeholder = match piece {
                Part::Literal(text) => {
                    parts.push(PathPart::Literal((*text).to_owned()));
                    continue;
                }
                Part::Placeholder(placeholder) => *placeholder,
            };
            let binding = Binding::of(&pieces, at, placeholder);
            let declared = placeholders.iter().find(|p| p.name.value == placeholder);
            let mut docs = match declared.and_then(|p| p.description.as_deref()) {
                Some(description) => self.doc(description),
                None => binding.docs(placeholder),
            };
            let wanted = naming::field_name(&binding.name);
            let claimed = scope.claim(&wanted, &format!("the path parameter `{placeholder}`"));
            if let Some(note) = claimed.note(&wanted) {
                docs.push_str("\n\n");
                docs.push_str(&note);
            }
            parts.push(PathPart::Parameter(parameters.len(), binding.form));
            parameters.push(Parameter {
                name: claimed.name,
                documented_name: placeholder.to_owned(),
                docs,
            });
        }
        RequestPath { parameters, parts }
    }
}

/// What one placeholder occurrence stands for.
struct Binding<'t> {
    /// The documented name its field is named after.
    name: String,
    form: ParameterForm,
    /// The collection segment it follows, when it is named after it.
    segment: Option<&'t str>,
}

impl<'t> Binding<'t> {
    /// The placeholder at `pieces[at]`. A function argument or key is named by its argument
    /// (`(period='{period_value}')` → `period`); a generic `{id}`, or a placeholder the path
    /// repeats, by the segment it follows (`/users/{id}` → `userId`); any other by itself.
    /// `{id | userPrincipalName}` is one value, either of the names.
    fn of(pieces: &[Part<'t>], at: usize, placeholder: &'t str) -> Self {
        let before = match at.checked_sub(1).and_then(|i| pieces.get(i)) {
            Some(Part::Literal(text)) => *text,
            _ => "",
        };
        let after = match pieces.get(at + 1) {
            Some(Part::Literal(text)) => *text,
            _ => "",
        };
        let form = if before.ends_with('\'') && after.starts_with('\'') {
            ParameterForm::Quoted
        } else if before.ends_with(":/") && (after.is_empty() || after.starts_with(':')) {
            ParameterForm::ItemPath
        } else if before.ends_with(['(', ',', '=']) {
            ParameterForm::Bare
        } else {
            ParameterForm::Segment
        };
        let primary = template::alternatives(placeholder)
            .next()
            .unwrap_or(placeholder);
        let argument = match form {
            ParameterForm::Quoted | ParameterForm::Bare => argument_name(before),
            ParameterForm::Segment | ParameterForm::ItemPath => None,
        };
        if let Some(argument) = argument {
            return Self {
                name: argument.to_owned(),
                form,
                segment: None,
            };
        }
        let repeated = pieces
            .iter()
            .filter(|piece| **piece == Part::Placeholder(placeholder))
            .count()
            > 1;
        let segment = (primary.eq_ignore_ascii_case("id") || repeated)
            .then(|| collection_segment(before))
            .flatten();
        let name = match segment {
            Some(segment) => format!("{} id", naming::singular(segment)),
            None => primary.to_owned(),
        };
        Self {
            name,
            form,
            segment,
        }
    }

    /// Rustdoc for a placeholder the page does not describe.
    fn docs(&self, placeholder: &str) -> String {
        let alternatives: Vec<String> = template::alternatives(placeholder)
            .map(|name| format!("the `{name}`"))
            .collect();
        let of = self
            .segment
            .map(|segment| format!(" of an item in `{segment}`"))
            .unwrap_or_default();
        let (place, what) = match (alternatives.as_slice(), self.form) {
            (_, ParameterForm::ItemPath) => (
                "part",
                Some("an item's path, its segments separated by `/`".to_owned()),
            ),
            (_, ParameterForm::Quoted | ParameterForm::Bare) => ("value", None),
            ([_, _, ..], ParameterForm::Segment) => (
                "segment",
                Some(format!(
                    "{}{of}, either accepted",
                    alternatives.join(" or ")
                )),
            ),
            _ => ("segment", self.segment.map(|_| format!("the id{of}"))),
        };
        match what {
            Some(what) => format!("The `{{{placeholder}}}` {place} of the path: {what}."),
            None => format!("The `{{{placeholder}}}` {place} of the path."),
        }
    }
}

/// The argument whose value a placeholder is, from the text before it: `f(a=1,period='` →
/// `period`; `None` for a key written without a name (`things('`).
fn argument_name(before: &str) -> Option<&str> {
    let assignment = before.trim_end_matches('\'').strip_suffix('=')?;
    let name = assignment.rsplit(['(', ',']).next()?.trim();
    (!name.is_empty()).then_some(name)
}

/// The collection a placeholder's value is an item of: the path segment before it
/// (`/users/` → `users`), a type cast read as its type, a call or key left out.
fn collection_segment(before: &str) -> Option<&str> {
    let segment = before.trim_end_matches('/').rsplit('/').next()?;
    let segment = segment.split('(').next()?;
    let segment = segment.rsplit('.').next()?;
    (!segment.is_empty() && segment.chars().all(|c| c.is_ascii_alphanumeric())).then_some(segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bindings(path: &str) -> Vec<(String, ParameterForm)> {
        let pieces = template::parse(path).unwrap();
        pieces
            .iter()
            .enumerate()
            .filter_map(|(at, piece)| match piece {
                Part::Placeholder(name) => {
                    let binding = Binding::of(&pieces, at, name);
                    Some((naming::field_name(&binding.name), binding.form))
                }
                Part::Literal(_) => None,
            })
            .collect()
    }

    fn names(path: &str) -> Vec<String> {
        bindings(path).into_iter().map(|(name, _)| name).collect()
    }

    #[test]
    fn generic_and_repeated_placeholders_are_named_by_their_segment() {
        assert_eq!(
            names("/users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}"),
            ["user_id", "mail_folder_id", "message_id"]
        );
        assert_eq!(
            names("/groups/{id}/members/{id}/$ref"),
            ["group_id", "member_id"]
        );
        assert_eq!(
            names("/me/calendarGroups/{id}/calendars/{id}/events/{id}"),
            ["calendar_group_id", "calendar_id", "event_id"]
        );
        // A placeholder the path repeats, whatever its name; a type cast reads as its type.
        assert_eq!(
            names("/configs/{configId}/microsoft.graph.policies/{configId}"),
            ["config_id", "policy_id"]
        );
        // Named placeholders keep their names, alternatives included.
        assert_eq!(
            names("/users/{user-id | user-principal-name}/chats/{chat-id}/messages"),
            ["user_id", "chat_id"]
        );
    }

    #[test]
    fn values_inside_calls_and_item_paths_take_their_form() {
        assert_eq!(
            bindings("/reports/getReport(period='{period_value}')"),
            [("period".to_owned(), ParameterForm::Quoted)]
        );
        assert_eq!(
            bindings("/reports/getReport(top=5,date={date_value})"),
            [("date".to_owned(), ParameterForm::Bare)]
        );
        assert_eq!(
            bindings("/applications(appId='{appId}')/addPassword"),
            [("app_id".to_owned(), ParameterForm::Quoted)]
        );
        assert_eq!(
            bindings("/things({id})"),
            [("thing_id".to_owned(), ParameterForm::Bare)]
        );
        assert_eq!(
            bindings("/me/drive/items/{parent-id}:/{filename}:/content"),
            [
                ("parent_id".to_owned(), ParameterForm::Segment),
                ("filename".to_owned(), ParameterForm::ItemPath)
            ]
        );
        assert_eq!(
            bindings("/drives/{drive-id}/root:/{item-path}"),
            [
                ("drive_id".to_owned(), ParameterForm::Segment),
                ("item_path".to_owned(), ParameterForm::ItemPath)
            ]
        );
    }
}
