//! Bad specs give errors that say where (file:line:column), what, and how to fix it.

use std::fs;
use std::path::Path;

use msgraph_codegen::generate;

const API: &str = "\
api:
  namespace: microsoft.graph
  version: beta
  crate:
    name: msgraph-test
    version: 0.1.0
    description: Test crate
";

const ENTITY: &str = "\
entity:
  name: widget
  description: A widget.
  page:
    source: beta/resources/widget.md
  key: id
  properties:
    - name: id
      type: String
      description: Key.
      create: true
    - name: status
      type: widgetStatus
      description: Status.
";

const ENUM: &str = "\
enum:
  name: widgetStatus
  description: Widget status.
  page:
    source: beta/resources/widgetstatus.md
  members:
    - name: on
      value: 0
    - name: off
      value: 1
";

const ENDPOINT: &str = "\
endpoint:
  name: Update widget
  summary: Update a widget.
  page:
    source: beta/api/widget-update.md
  method: PATCH
  path: /widgets/{widgetId}
  path_parameters:
    - name: widgetId
  headers: []
  permissions:
    delegated_work_or_school: [Widget.ReadWrite.All]
    delegated_personal_account: []
    application: [Widget.ReadWrite.All]
  national_clouds: [global]
  request_body:
    type: widget
    description: The widget.
  response:
    status: 200
    type: widget
    description: The updated widget.
";

/// Writes a spec whose files are the defaults with `(file, from, to)` replacements applied.
fn spec_with(dir: &Path, edits: &[(&str, &str, &str)]) {
    let files = [
        ("api.yaml", API),
        ("widget/widget.yaml", ENTITY),
        ("widget/status.yaml", ENUM),
        ("widget/update.yaml", ENDPOINT),
    ];
    for (name, text) in files {
        let mut text = text.to_owned();
        for (file, from, to) in edits {
            if *file == name {
                assert!(
                    text.contains(from),
                    "edit `{from}` does not apply to {name}"
                );
                text = text.replace(from, to);
            }
        }
        let path = dir.join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
}

/// The error report for a spec with `edits`, with the temporary directory's path removed.
fn errors(edits: &[(&str, &str, &str)]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    spec_with(dir.path(), edits);
    let report = generate(dir.path())
        .expect_err("the spec is invalid")
        .to_string();
    report.replace(&format!("{}/", dir.path().display()), "")
}

#[test]
fn the_valid_spec_generates() {
    let dir = tempfile::tempdir().expect("tempdir");
    spec_with(dir.path(), &[]);
    let files = generate(dir.path()).expect("valid");
    assert!(
        files
            .iter()
            .any(|f| f.path.ends_with("widget/update_widget.rs"))
    );
}

#[test]
fn unknown_type_points_at_the_reference_and_suggests_a_name() {
    assert_eq!(
        errors(&[(
            "widget/widget.yaml",
            "type: widgetStatus",
            "type: widgetStatsu"
        )]),
        "widget/widget.yaml:13:13: error: unknown type `widgetStatsu`\n  hint: did you mean `widgetStatus`?\n1 error"
    );
}

#[test]
fn a_misspelt_key_is_an_error_not_a_default() {
    let report = errors(&[(
        "widget/widget.yaml",
        "      create: true",
        "      creat: true",
    )]);
    assert!(
        report.starts_with("widget/widget.yaml:11:7: error: unknown field `creat`"),
        "{report}"
    );
    assert!(
        report.contains("hint: check the key's spelling"),
        "{report}"
    );
}

#[test]
fn a_missing_key_is_named() {
    let report = errors(&[("widget/update.yaml", "  method: PATCH\n", "")]);
    assert!(
        report.contains("widget/update.yaml:") && report.contains("missing field `method`"),
        "{report}"
    );
}

#[test]
fn duplicates_name_both_places() {
    assert_eq!(
        errors(&[("widget/status.yaml", "name: off", "name: on")]),
        "widget/status.yaml:9:13: error: duplicate member `on`\n  \
         widget/status.yaml:7:13: note: first defined here\n  \
         hint: each member is defined once; remove or rename one\n1 error"
    );
}

#[test]
fn path_placeholders_must_match_the_declared_parameters() {
    let report = errors(&[(
        "widget/update.yaml",
        "path: /widgets/{widgetId}",
        "path: /widgets/{id}",
    )]);
    assert_eq!(
        report,
        "widget/update.yaml:7:9: error: the path's placeholders [id] do not match `path_parameters` [widgetId]\n  \
         hint: declare each `{placeholder}` of the path in `path_parameters`, in path order, once\n1 error"
    );
}

#[test]
fn every_error_of_a_run_is_reported_in_file_order() {
    let report = errors(&[
        ("widget/update.yaml", "type: widget", "type: widgett"),
        ("widget/status.yaml", "value: 1", "value: 0"),
    ]);
    let lines: Vec<&str> = report.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        lines,
        [
            "widget/status.yaml:9:13: error: member `off` repeats value 0",
            "widget/update.yaml:17:11: error: unknown type `widgett`",
            "widget/update.yaml:21:11: error: unknown type `widgett`",
            "3 errors",
        ]
    );
}

#[test]
fn unknown_vocabulary_is_refused_where_it_is_written() {
    let report = errors(&[("widget/update.yaml", "method: PATCH", "method: PATCHY")]);
    assert!(
        report.starts_with(
            "widget/update.yaml:6:11: error: unknown variant `PATCHY`, expected one of GET, POST, PUT, PATCH, DELETE"
        ),
        "{report}"
    );
    let report = errors(&[(
        "widget/update.yaml",
        "national_clouds: [global]",
        "national_clouds: [mars]",
    )]);
    assert!(
        report.starts_with("widget/update.yaml:15:21: error: unknown variant `mars`")
            && report.contains("china_21vianet"),
        "{report}"
    );
    let report = errors(&[("widget/update.yaml", "status: 200", "status: 303")]);
    assert!(
        report.contains(
            "303 is not a success status an operation can document; use one of 200, 201, 202, 204, 206, 302"
        ),
        "{report}"
    );
}

#[test]
fn an_empty_spec_directory_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = generate(dir.path()).expect_err("empty").to_string();
    assert!(
        report.contains("the spec directory holds no `.yaml` files"),
        "{report}"
    );
}

#[test]
fn invalid_yaml_and_bytes_are_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    spec_with(dir.path(), &[]);
    fs::write(dir.path().join("widget/broken.yaml"), "entity: [unclosed\n").expect("write");
    fs::write(
        dir.path().join("widget/binary.yaml"),
        b"enum:\n  name: \xff\xfe\n",
    )
    .expect("write");
    fs::write(dir.path().join("widget/empty.yaml"), "").expect("write");
    let report = generate(dir.path())
        .expect_err("invalid")
        .to_string()
        .replace(&format!("{}/", dir.path().display()), "");
    assert!(
        report.contains("widget/binary.yaml:2:9: error: the file is not valid UTF-8"),
        "{report}"
    );
    assert!(
        report.contains("widget/empty.yaml: error: the file is empty"),
        "{report}"
    );
    assert!(report.contains("widget/broken.yaml:"), "{report}");
    assert!(report.ends_with("3 errors"), "{report}");
}

/// The report for a spec made of the defaults plus `extra` files.
fn errors_with_files(extra: &[(&str, &[u8])]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    spec_with(dir.path(), &[]);
    for (name, bytes) in extra {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }
    let report = generate(dir.path())
        .expect_err("the spec is invalid")
        .to_string();
    report.replace(&format!("{}/", dir.path().display()), "")
}

#[test]
fn tabs_in_indentation_are_located() {
    let report = errors_with_files(&[("widget/tabs.yaml", b"enum:\n\tname: x\n")]);
    assert!(report.starts_with("widget/tabs.yaml:2:"), "{report}");
    assert!(report.ends_with("1 error"), "{report}");
}

#[test]
fn an_alias_bomb_is_refused_without_expanding_it() {
    // The classic "billion laughs": ten levels of ten aliases, 10^10 nodes if expanded.
    let mut yaml = String::from("x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n");
    for level in 1..10 {
        let items = vec![format!("*x{}", level - 1); 10].join(", ");
        yaml.push_str(&format!("x{level}: &x{level} [{items}]\n"));
    }
    yaml.push_str("enum: *x9\n");
    let report = errors_with_files(&[("widget/bomb.yaml", yaml.as_bytes())]);
    assert!(
        report.starts_with("widget/bomb.yaml:1:1: error: "),
        "{report}"
    );
    assert!(report.ends_with("\n1 error"), "{report}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let flow = format!("entity: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let block = format!("entity:\n  name: {}x\n", "- ".repeat(10_000));
    let report = errors_with_files(&[
        ("widget/flow.yaml", flow.as_bytes()),
        ("widget/block.yaml", block.as_bytes()),
    ]);
    assert!(report.contains("widget/flow.yaml:1:"), "{report}");
    assert!(report.contains("widget/block.yaml:2:"), "{report}");
    assert!(report.ends_with("2 errors"), "{report}");
}

#[test]
fn a_huge_file_is_refused_before_it_is_parsed() {
    let huge = vec![b'#'; 5 * 1024 * 1024];
    let report = errors_with_files(&[("widget/huge.yaml", &huge)]);
    assert_eq!(
        report,
        "widget/huge.yaml: error: the file has 5242880 bytes, more than the 4194304 a spec file may have\n  \
         hint: split it: one file per documentation page\n1 error"
    );
}

#[test]
fn duplicate_types_and_operations_name_both_files() {
    // The same title on another path is another operation; the same method and path in the
    // same resource is the same operation documented twice, whatever its placeholders' names.
    let report = errors_with_files(&[
        (
            "widget/again.yaml",
            ENUM.replace("widgetStatus", "widget").as_bytes(),
        ),
        (
            "widget/update-again.yaml",
            ENDPOINT
                .replace("{widgetId}", "{id}")
                .replace("name: widgetId", "name: id")
                .as_bytes(),
        ),
        (
            "widget/update-other.yaml",
            ENDPOINT
                .replace("/widgets/{widgetId}", "/other/{widgetId}")
                .as_bytes(),
        ),
    ]);
    assert!(report.contains("widget/again.yaml:2:9: error: duplicate type `widget`\n  widget/widget.yaml:2:9: note: first defined here"), "{report}");
    assert!(
        report.contains(
            "widget/update.yaml:7:9: error: duplicate operation `PATCH /widgets/{widgetId}` on `widget`\n  widget/update-again.yaml:7:9: note: first defined here"
        ),
        "{report}"
    );
    assert!(report.ends_with("2 errors"), "{report}");
}

#[test]
fn types_that_collide_as_rust_names_get_distinct_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    spec_with(dir.path(), &[]);
    fs::write(
        dir.path().join("widget/collide.yaml"),
        ENUM.replace("widgetStatus", "WidgetStatus"),
    )
    .expect("write");
    let files = generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let file = |name: &str| {
        files
            .iter()
            .find(|f| f.path.ends_with(name))
            .unwrap_or_else(|| panic!("{name} is generated"))
    };
    // Claims follow spec order: `collide.yaml` is read before `status.yaml`.
    assert!(
        file("widget/widget_status.rs")
            .contents
            .contains("pub enum WidgetStatus {")
    );
    let second = &file("widget/widget_status2.rs").contents;
    assert!(second.contains("pub enum WidgetStatus2 {"), "{second}");
    assert!(
        file("widget/widget.rs")
            .contents
            .contains("::core::option::Option<crate::WidgetStatus2>"),
        "the property documented as `widgetStatus` uses that type"
    );
}

#[test]
fn an_enum_without_members_is_an_error() {
    let report = errors(&[(
        "widget/status.yaml",
        "  members:\n    - name: on\n      value: 0\n    - name: off\n      value: 1\n",
        "  members: []\n",
    )]);
    assert_eq!(
        report,
        "widget/status.yaml:2:9: error: enum `widgetStatus` has no members\n  \
         hint: copy the rows of the page's Members table into `members`\n1 error"
    );
}

/// Fuzz finding: a name with a character that is alphanumeric but not an identifier character
/// (`²`, `ﬁ`) made the emitter panic building the identifier.
#[test]
fn names_with_non_identifier_characters_generate() {
    let dir = tempfile::tempdir().expect("tempdir");
    spec_with(
        dir.path(),
        &[
            (
                "widget/widget.yaml",
                "    - name: status\n",
                "    - name: \"x²y\"\n      type: String\n      description: Squared.\n    - name: status\n",
            ),
            (
                "widget/status.yaml",
                "name: widgetStatus",
                "name: \"ﬁeldStatus\"",
            ),
            (
                "widget/widget.yaml",
                "type: widgetStatus",
                "type: \"ﬁeldStatus\"",
            ),
            ("widget/status.yaml", "name: off", "name: \"o²ff\""),
        ],
    );
    let files = generate(dir.path()).expect("generates");
    let entity = files
        .iter()
        .find(|f| f.path.ends_with("widget/widget.rs"))
        .expect("entity file");
    assert!(
        entity
            .contents
            .contains("\"x²y\" => crate::runtime::read_into(map, &mut self.x_y)"),
        "{}",
        entity.contents
    );
    assert!(
        entity
            .contents
            .contains("pub x_y: ::core::option::Option<::std::string::String>"),
        "{}",
        entity.contents
    );
}
