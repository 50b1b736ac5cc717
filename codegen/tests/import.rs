//! The importer: Microsoft Graph documentation pages → spec files.
//!
//! The pages come from the folder named by `MSGRAPH_DOCS_DIR` (default
//! `<workspace>/../shared/graph-docs`). Without it the page tests print a notice and pass,
//! unless `MSGRAPH_DOCS_REQUIRED=1`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{checked_in_spec, docs_dir};
use msgraph_codegen::import::table::{clean_cell, group_title, parse, split_row};
use msgraph_codegen::import::{ImportReport, import};

const FAMILY: &str = "managedAllDeviceCertificateState";
const RESOURCE: &str = "intune-deviceconfig-managedalldevicecertificatestate";
const ENUM: &str = "intune-deviceconfig-certificaterevocationstatus";
const UPDATE: &str = "intune-deviceconfig-managedalldevicecertificatestate-update";
const ALL_CLOUDS: &str = "  national_clouds: [global, us_gov_l4, us_gov_l5_dod, china_21vianet]\n";

fn family_pages(docs: &Path) -> Vec<PathBuf> {
    vec![
        docs.join(format!("beta/resources/{RESOURCE}.md")),
        docs.join(format!("beta/resources/{ENUM}.md")),
        docs.join(format!("beta/api/{UPDATE}.md")),
    ]
}

/// A temporary spec directory holding a copy of the checked-in `api.yaml`.
fn spec_dir_with_api() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(
        checked_in_spec().join("api.yaml"),
        dir.path().join("api.yaml"),
    )
    .expect("copy");
    dir
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn family_file(root: &Path, stem: &str) -> PathBuf {
    root.join(FAMILY).join(format!("{stem}.yaml"))
}

fn has_note(report: &ImportReport, page_ends: &str, text: &str) -> bool {
    report
        .notes
        .iter()
        .any(|n| n.page.to_string_lossy().ends_with(page_ends) && n.reason.contains(text))
}

#[test]
fn the_family_pages_recreate_the_checked_in_spec_byte_for_byte() {
    let Some(docs) = docs_dir("beta") else { return };
    // Into a copy of the checked-in spec: every file comes out identical, so none is written.
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(
        checked_in_spec().join("api.yaml"),
        dir.path().join("api.yaml"),
    )
    .expect("copy");
    fs::create_dir(dir.path().join(FAMILY)).expect("mkdir");
    for stem in [RESOURCE, ENUM, UPDATE] {
        fs::copy(
            family_file(&checked_in_spec(), stem),
            family_file(dir.path(), stem),
        )
        .expect("copy");
    }
    let report = import(&family_pages(&docs), dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.imported.len(), 3);
    assert!(report.failed.is_empty());
    assert!(report.written.is_empty(), "rewrote {:?}", report.written);
    assert_eq!(report.unchanged.len(), 3);
    for stem in [RESOURCE, ENUM, UPDATE] {
        assert_eq!(
            read(&family_file(dir.path(), stem)),
            read(&family_file(&checked_in_spec(), stem))
        );
    }
}

#[test]
fn a_fresh_import_matches_the_checked_in_files_except_unstated_clouds() {
    let Some(docs) = docs_dir("beta") else { return };
    let dir = spec_dir_with_api();
    let report = import(&family_pages(&docs), dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.written.len(), 3);
    for stem in [RESOURCE, ENUM] {
        assert_eq!(
            read(&family_file(dir.path(), stem)),
            read(&family_file(&checked_in_spec(), stem)),
            "{stem}"
        );
    }
    // The 2021–23 page does not list national clouds: the importer writes none (not stated),
    // which the client reads as no restriction.
    let expected = read(&family_file(&checked_in_spec(), UPDATE)).replace(ALL_CLOUDS, "");
    assert_eq!(read(&family_file(dir.path(), UPDATE)), expected);
}

#[test]
fn the_national_cloud_include_of_the_2024_page_gives_all_four_clouds() {
    let Some(docs) = docs_dir("beta") else { return };
    let page = docs.join(format!("variants-2024/beta/api/{UPDATE}.md"));
    if !page.is_file() {
        println!("notice: skipped: no {}", page.display());
        return;
    }
    let dir = spec_dir_with_api();
    let report = import(&[page], dir.path()).expect("imports");
    println!("{report}");
    assert!(report.failed.is_empty());
    let text = read(&family_file(dir.path(), UPDATE));
    assert!(text.contains(ALL_CLOUDS), "{text}");
    assert!(
        text.contains("      value: Bearer {token}\n      required: true\n"),
        "{text}"
    );
    // The 2024 page's different beta warning stays with the page.
    assert!(text.contains("- kind: important"), "{text}");
}

#[test]
fn re_importing_changes_nothing() {
    let Some(docs) = docs_dir("beta") else { return };
    let dir = spec_dir_with_api();
    let pages = [docs.join("beta")];
    let first = import(&pages, dir.path()).expect("imports");
    let before: Vec<(PathBuf, String)> = first
        .written
        .iter()
        .map(|path| (path.clone(), read(path)))
        .collect();
    let second = import(&pages, dir.path()).expect("imports again");
    assert!(second.written.is_empty(), "rewrote {:?}", second.written);
    assert_eq!(second.unchanged.len(), first.written.len());
    assert_eq!(second.imported, first.imported);
    for (path, text) in before {
        assert_eq!(read(&path), text, "{}", path.display());
    }
}

#[test]
fn hand_edits_survive_a_re_import() {
    let Some(docs) = docs_dir("beta") else { return };
    let dir = spec_dir_with_api();
    import(&family_pages(&docs), dir.path()).expect("imports");

    let entity = family_file(dir.path(), RESOURCE);
    let overrides = "  overrides:\n    rust_name: CertificateState # shorter\n";
    fs::write(&entity, format!("{}{overrides}", read(&entity))).expect("edit");

    let update = family_file(dir.path(), UPDATE);
    let edited = read(&update).replace(
        "  national_clouds: [global]\n",
        "  national_clouds: [global, us_gov_l4]\n",
    ) + "  overrides:\n    rust_name: PatchCertificateState\n";
    fs::write(&update, &edited).expect("edit");

    let enumeration = family_file(dir.path(), ENUM);
    let flagged = read(&enumeration) + "  flags: true\n";
    fs::write(&enumeration, &flagged).expect("edit");

    let report = import(&family_pages(&docs), dir.path()).expect("re-imports");
    println!("{report}");
    assert!(report.written.is_empty(), "rewrote {:?}", report.written);
    assert!(read(&entity).ends_with(overrides));
    assert_eq!(read(&update), edited);
    assert_eq!(read(&enumeration), flagged);

    // The kept values still parse as the spec format.
    msgraph_codegen::load::load(dir.path()).expect("the edited spec loads");
}

#[test]
fn every_beta_page_imports_without_panicking() {
    let Some(docs) = docs_dir("beta") else { return };
    let dir = spec_dir_with_api();
    let report = import(&[docs.join("beta")], dir.path()).expect("imports");
    println!("{report}");
    // To look at the output: MSGRAPH_IMPORT_OUT=<empty folder with api.yaml>.
    if let Some(out) = std::env::var_os("MSGRAPH_IMPORT_OUT") {
        import(&[docs.join("beta")], Path::new(&out)).expect("imports into MSGRAPH_IMPORT_OUT");
    }
    let pages = report.imported.len() + report.failed.len();
    assert_eq!(pages, 55, "every page is either imported or reported");
    assert!(
        report.imported.len() >= 50,
        "{} pages failed",
        report.failed.len()
    );
    for page in &report.failed {
        assert!(
            report.notes.iter().any(|n| &n.page == page),
            "{} failed without a note",
            page.display()
        );
    }
    assert_eq!(report.written.len(), report.imported.len());
    // Every written file is in the spec format.
    let spec = msgraph_codegen::load::load(dir.path()).expect("every written file loads");
    assert_eq!(
        spec.entities.len() + spec.complex_types.len() + spec.enums.len() + spec.endpoints.len(),
        report.written.len()
    );
    // The quirks the survey lists are handled and reported.
    assert!(has_note(
        &report,
        "intune-shared-devicecategory.md",
        "group heading row `**Onboarding**`"
    ));
    assert!(has_note(
        &report,
        "intune-deviceconfig-ioscustomconfiguration.md",
        "extra `|`"
    ));
    assert!(has_note(
        &report,
        "intune-shared-devicecategory-update.md",
        "text after the JSON body"
    ));
    assert!(has_note(&report, "-get.md", "{\"value\": …}"));
    let ios = read(
        &dir.path()
            .join("iosCustomConfiguration/intune-deviceconfig-ioscustomconfiguration.yaml"),
    );
    assert!(
        ios.contains("description: Payload file name (*.mobileconfig | *.xml).\n"),
        "{ios}"
    );
    assert!(ios.contains("  base_type: deviceConfiguration\n"), "{ios}");
    let assign = read(
        &dir.path()
            .join("deviceConfiguration/intune-shared-deviceconfiguration-assign.yaml"),
    );
    assert!(
        assign.contains(
            "    delegated_work_or_school: [DeviceManagementConfiguration.ReadWrite.All]\n"
        ),
        "{assign}"
    );
    assert!(
        assign.contains("          - name: Content-type\n"),
        "{assign}"
    );
    let function = read(&dir.path().join(
        "deviceConfiguration/intune-deviceconfig-deviceconfiguration-getomasettingplaintextvalue.yaml",
    ));
    assert!(function.contains("    placement: url\n"), "{function}");
    let list = read(&dir.path().join(format!("{FAMILY}/{RESOURCE}-list.yaml")));
    assert!(
        list.contains("    type: managedAllDeviceCertificateState\n    collection: true\n"),
        "{list}"
    );
}

#[test]
fn malformed_pages_are_reported_with_page_and_line() {
    let docs = tempfile::tempdir().expect("tempdir");
    let resources = docs.path().join("beta/resources");
    fs::create_dir_all(&resources).expect("mkdir");
    let no_front_matter = resources.join("no-front-matter.md");
    fs::write(
        &no_front_matter,
        "# Things in Microsoft Graph\n\nNo front matter here, and nothing that tells the kind.\n",
    )
    .expect("write");
    let truncated = resources.join("truncated.md");
    fs::write(
        &truncated,
        "---\ntitle: \"thing resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # thing resource type\n\nA thing.\n\n## Properties\n|Property|Type|Description|\n\
         |:---|:---|:---|\n|id|String|Key.|\n|name|Str",
    )
    .expect("write");
    let no_members = resources.join("no-members.md");
    fs::write(
        &no_members,
        "---\ndoc_type: enumPageType\n---\n# kind enum type\n\n## Members\n|Member|Value\n",
    )
    .expect("write");
    let dir = spec_dir_with_api();
    let report = import(&[docs.path().to_path_buf()], dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(
        report.failed,
        vec![no_front_matter.clone(), no_members.clone()]
    );
    assert_eq!(report.imported, vec![truncated.clone()]);
    let at = |page: &Path, line: usize| {
        report
            .notes
            .iter()
            .any(|n| n.page == page && n.line == line)
    };
    assert!(
        at(&no_front_matter, 1),
        "no front matter and no kind the page shows is reported at line 1"
    );
    assert!(
        at(&truncated, 14),
        "the truncated row is reported at its line"
    );
    assert!(
        at(&no_members, 7),
        "the table without separator is reported at its line"
    );
    let written = read(&dir.path().join("thing/truncated.yaml"));
    assert!(
        written.contains("  properties:\n    - name: id\n"),
        "{written}"
    );
    assert!(!written.contains("name: name"), "{written}");
}

#[test]
fn a_cell_broken_over_lines_is_joined_into_its_row_with_a_note() {
    let docs = tempfile::tempdir().expect("tempdir");
    let resources = docs.path().join("beta/resources");
    fs::create_dir_all(&resources).expect("mkdir");
    let page = resources.join("broken-cells.md");
    fs::write(
        &page,
        "---\ntitle: \"thing resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # thing resource type\n\nA thing.\n\n## Properties\n|Property|Type|Description|\n\
         |:---|:---|:---|\n|id|String|Key.\nStill the key.\nAnd more.|\n|size|Int64|Size.|\n\
         |last|String|Last\nline.|\n\n## Relationships\nNone\n",
    )
    .expect("write");
    let dir = spec_dir_with_api();
    let report = import(&[docs.path().to_path_buf()], dir.path()).expect("imports");
    let written = read(&dir.path().join("thing/broken-cells.yaml"));
    for property in ["id", "size", "last"] {
        assert!(
            written.contains(&format!("name: {property}\n")),
            "{written}"
        );
    }
    assert!(
        written.contains("Key. Still the key. And more."),
        "{written}"
    );
    assert!(written.contains("Last line."), "{written}");
    let joined: Vec<(usize, &str)> = report
        .notes
        .iter()
        .filter(|n| n.page == page && n.reason.contains("joined"))
        .map(|n| (n.line, n.reason.as_str()))
        .collect();
    assert_eq!(
        joined,
        [
            (13, "row continued over 3 lines; joined"),
            (17, "row continued over 2 lines; joined")
        ]
    );
}

#[test]
fn the_update_page_alone_yields_its_entity_and_enum_in_either_rendering() {
    let Some(docs) = docs_dir("rendered") else {
        return;
    };
    let pages = [
        docs.join(format!("beta/api/{UPDATE}.md")),
        docs.join(format!("rendered/{UPDATE}.txt")),
    ];
    for page in pages {
        let dir = spec_dir_with_api();
        let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
        assert_eq!(report.imported, std::slice::from_ref(&page), "{report}");
        let derived = |n: &msgraph_codegen::import::ImportNote| {
            n.page == page
                && n.reason
                    .contains("derived from this page's request-body table")
        };
        assert!(report.notes.iter().any(derived), "{report}");
        let files = msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
        let file = |name: &str| {
            files
                .iter()
                .find(|file| file.path.ends_with(name))
                .map(|file| file.contents.as_str())
                .unwrap_or_else(|| panic!("no {name} from {}", page.display()))
        };
        let model =
            file("managed_all_device_certificate_state/managed_all_device_certificate_state.rs");
        assert!(model.contains("pub struct ManagedAllDeviceCertificateState"));
        for field in [
            "certificate_revoke_status:",
            "certificate_revoke_status_last_change_date_time:",
            "managed_device_display_name:",
            "certificate_issuance_date_time:",
        ] {
            assert!(model.contains(field), "{field} in {model}");
        }
        assert!(
            model.contains("crate::CertificateRevocationStatus"),
            "{model}"
        );
        let enumeration = file("certificate_revocation_status.rs");
        for member in [
            "\"none\"",
            "\"pending\"",
            "\"issued\"",
            "\"failed\"",
            "\"revoked\"",
        ] {
            assert!(enumeration.contains(member), "{member} in {enumeration}");
        }
        let written = read(&family_file(
            dir.path(),
            "intune-deviceconfig-managedalldevicecertificatestate",
        ));
        assert!(written.contains("  page:\n    source: "), "{written}");
        assert!(written.contains("    derived: true\n"), "{written}");
    }
}

#[test]
fn a_line_in_the_request_block_that_is_not_a_request_line_is_noted_and_skipped() {
    let Some(docs) = docs_dir("beta") else { return };
    let page = read(&docs.join(format!("beta/api/{UPDATE}.md")));
    let request = "PATCH /deviceManagement/";
    let at = page.find(request).expect("the page's request line");
    let line = page[..at].lines().count() + 1;
    let odd = format!("{}Replace the id below.\n{}", &page[..at], &page[at..]);
    let copy = tempfile::tempdir().expect("tempdir");
    let pages = family_pages(copy.path());
    for (from, to) in family_pages(&docs).iter().zip(&pages) {
        fs::create_dir_all(to.parent().expect("a folder")).expect("mkdir");
        fs::copy(from, to).expect("copy");
    }
    let path = &pages[2];
    fs::write(path, odd).expect("write");
    let dir = spec_dir_with_api();
    let report = import(&pages, dir.path()).expect("imports");
    println!("{report}");
    assert!(report.failed.is_empty());
    assert!(report.notes.iter().any(|n| &n.page == path
        && n.line == line
        && n.reason.contains("is not a request line; left out")));
    // The request lines read are those of the unchanged page.
    assert_eq!(
        read(&family_file(dir.path(), UPDATE)),
        read(&family_file(&checked_in_spec(), UPDATE)).replace(ALL_CLOUDS, "")
    );
}

#[test]
fn example_prose_that_describes_no_message_is_noted_at_its_line() {
    let docs = tempfile::tempdir().expect("tempdir");
    let api = docs.path().join("beta/api");
    fs::create_dir_all(&api).expect("mkdir");
    let page = api.join("thing-get.md");
    fs::write(
        &page,
        "---\ndoc_type: apiPageType\n---\n# Get thing\n\nGet a thing.\n\n## HTTP request\n\
         ```http\nGET /things/{id}\n```\n## Response\n\
         If successful, this method returns a `200 OK` response code and a thing object.\n\
         ## Examples\n### Example 1\nWhat the example shows.\n### Request\nThe request.\n\
         ```http\nGET https://graph.microsoft.com/beta/things/1\n```\n### Response\n\
         ```http\nHTTP/1.1 200 OK\n```\nAfter the example.\n",
    )
    .expect("write");
    let dir = spec_dir_with_api();
    let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.imported, vec![page.clone()]);
    let at = |line: usize, text: &str| {
        report
            .notes
            .iter()
            .any(|n| n.page == page && n.line == line && n.reason.contains(text))
    };
    assert!(at(16, "text that describes no example message left out"));
    assert!(at(26, "text after the last example left out"));
    assert!(!at(18, "left out"), "the request's description is kept");
}

#[test]
fn examples_as_current_pages_publish_them_are_read() {
    let docs = tempfile::tempdir().expect("tempdir");
    let api = docs.path().join("beta/api");
    fs::create_dir_all(&api).expect("mkdir");
    let page = api.join("team-get.md");
    // Tabs of SDK snippets around the HTTP message, an `msgraph-interactive` fence, a break
    // closing the tabs, real ids in the URL, and a body with a trailing comma and a typed tab.
    fs::write(
        &page,
        "---\ndoc_type: apiPageType\n---\n# Get team\n\nGet a team.\n\n## HTTP request\n\
         ```http\nGET /teams/{team-id}/channels/{channel-id}\n```\n## Response\n\
         If successful, this method returns a `200 OK` response code and a channel object.\n\
         ## Examples\n### Example 1: Get a channel\n#### Request\nThe request.\n\
         # [HTTP](#tab/http)\n<!-- { \"blockType\": \"request\" } -->\n\
         ```msgraph-interactive\nGET https://graph.microsoft.com/beta/teams/fbe2bf47/channels/19:4a95@thread.tacv2\n```\n\
         # [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/snippets/csharp/x.md)]\n\n---\n\n\
         #### Response\nThe response.\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n\
         {\n  \"id\": \"19:4a95@thread.tacv2\",\n  \"description\": \"a\tb\",\n}\n```\n\
         ### Example 2: Count the channels\n#### Request\n\
         ```http\nGET https://graph.microsoft.com/beta/teams/fbe2bf47/channels/$count\n```\n\
         #### Response\n```http\nHTTP/1.1 200 OK\nContent-type: text/plain\n\n893\n```\n",
    )
    .expect("write");
    let dir = spec_dir_with_api();
    let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.imported, vec![page.clone()]);
    // Notes at line 0 are about the sections this page leaves out; the examples give one only.
    let reasons: Vec<(usize, &str)> = report
        .notes
        .iter()
        .filter(|n| n.line > 0)
        .map(|n| (n.line, n.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                34,
                "example body repaired: 1 trailing comma(s) removed, 1 control character(s) in \
                 strings escaped"
            ),
            (
                42,
                "the example URL `https://graph.microsoft.com/beta/teams/fbe2bf47/channels/$count` \
                 matches none of the page's request lines: another operation's example; left out"
            ),
        ]
    );
    let spec = fs::read_to_string(dir.path().join("team/team-get.yaml")).expect("written");
    assert!(spec.contains(
        "url: https://graph.microsoft.com/beta/teams/fbe2bf47/channels/19:4a95@thread.tacv2"
    ));
    assert!(spec.contains("\"description\": \"a\\tb\"\n"), "{spec}");
    assert_eq!(spec.matches("- request:").count(), 1, "{spec}");
}

#[test]
fn odd_inputs_never_panic() {
    let docs = tempfile::tempdir().expect("tempdir");
    let api = docs.path().join("beta/api");
    fs::create_dir_all(&api).expect("mkdir");
    let cases: &[&str] = &[
        "",
        "---",
        "---\n---\n",
        "---\ndoc_type: apiPageType\n---\n",
        "---\ndoc_type: apiPageType\n---\n# Get x\n## HTTP request\n```http\nGET\n```\n",
        "---\ndoc_type: apiPageType\n---\n# Get x\n## HTTP request\n```http\nGET /x/{\n```\n## Response\n`200 OK`\n## Example\n### Request\n```http\nGET https://x\n\n{\"a\":\n```\n### Response\n```http\nHTTP/1.1\n```\n",
        "---\ndoc_type: apiPageType\n---\n# Get x\n## HTTP request\n```http\nGET /x\n## Response\nreturns `999999 OK` and a [",
        "---\ndoc_type: resourcePageType\n---\n# é resource type\n## Properties\n|a|\n|-|\n|||||\n<!--\n",
        "---\ndoc_type: enumPageType\n---\n# e enum type\n## Members\n|Member|Value|Description|\n|:-|:-|:-|\n|a|99999999999999999999|x|\n|b|-1|&#xFFFFFFFF; &#0; &;|\n",
        "\u{feff}---\r\ndoc_type: resourcePageType\r\n---\r\n# r resource type\r\n> **Note:**\r\n## Properties\r\n|Property|Type|Description|\r\n|---|---|---|\r\n|\\||[x](|y\\|\r\n",
    ];
    for (index, text) in cases.iter().enumerate() {
        fs::write(api.join(format!("case{index}.md")), text).expect("write");
    }
    fs::write(api.join("binary.md"), [0xff_u8, 0xfe, 0x00, b'\n']).expect("write");
    let dir = spec_dir_with_api();
    let report = import(&[docs.path().to_path_buf()], dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.imported.len() + report.failed.len(), cases.len() + 1);
    for page in &report.failed {
        assert!(report.notes.iter().any(|n| &n.page == page));
    }
}

#[test]
fn a_page_never_overwrites_another_kind_of_file() {
    let docs = tempfile::tempdir().expect("tempdir");
    let resources = docs.path().join("beta/resources");
    fs::create_dir_all(&resources).expect("mkdir");
    let page = resources.join("api.md");
    fs::write(
        &page,
        "---\ndoc_type: enumPageType\n---\n# api enum type\n\nA.\n\n## Members\n\
         |Member|Value|Description|\n|:-|:-|:-|\n|a|0|A.|\n",
    )
    .expect("write");
    let dir = spec_dir_with_api();
    let before = read(&dir.path().join("api.yaml"));
    let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.failed, vec![page]);
    assert_eq!(read(&dir.path().join("api.yaml")), before);
}

#[test]
fn missing_spec_dir_or_page_is_a_hard_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope");
    assert!(import(&[], &missing).is_err());
    assert!(import(&[missing], dir.path()).is_err());
}

#[test]
fn the_table_splitter_handles_the_page_quirks() {
    assert_eq!(split_row("|a|b|c|"), ["a", "b", "c"]);
    assert_eq!(split_row("| a | b "), [" a ", " b"]);
    assert_eq!(split_row("|a\\|b|c|"), ["a\\|b", "c"]);
    assert_eq!(
        split_row("|Delegated (work or school account)||"),
        ["Delegated (work or school account)", ""]
    );
    assert_eq!(split_row("|**Onboarding**|"), ["**Onboarding**"]);
    assert_eq!(clean_cell(" &nbsp; &nbsp; **Apps** "), "**Apps**");
    assert_eq!(
        clean_cell("Bearer &lt;token&gt; Required."),
        "Bearer <token> Required."
    );
    assert_eq!(
        group_title("**Device configuration**"),
        Some("Device configuration")
    );
    assert_eq!(group_title("id"), None);

    let rows: Vec<(usize, String)> = [
        "|Property|Type|Description|",
        "|:---|:---|:---|",
        "|id|String|Key.|",
        "|**Onboarding**|",
        "|payloadFileName|String|Payload file name (*.mobileconfig | *.xml).|",
        "|short|String|",
        "| &nbsp; name | String | a &amp; b |",
    ]
    .iter()
    .enumerate()
    .map(|(index, text)| (index + 1, (*text).to_owned()))
    .collect();
    let table = parse(&rows).expect("parses");
    assert_eq!(table.header, ["Property", "Type", "Description"]);
    let cells: Vec<Vec<String>> = table.rows.iter().map(|row| row.cells.clone()).collect();
    assert_eq!(
        cells,
        [
            vec!["id", "String", "Key."],
            vec![
                "payloadFileName",
                "String",
                "Payload file name (*.mobileconfig | *.xml)."
            ],
            vec!["name", "String", "a & b"],
        ]
    );
    let lines: Vec<usize> = table.notes.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [4, 5, 6], "{:?}", table.notes);
    assert!(
        parse(&rows[..1]).is_err(),
        "a header without separator is no table"
    );
}

#[test]
fn a_type_the_pages_call_unknown_is_listed_in_opaque_types_that_load() {
    // Pages write undocumented types as ``** Unknown Type `…` **``: the list of opaque types
    // must quote it, or YAML reads the leading `*` as an alias and the spec no longer loads.
    let unknown = "** Unknown Type `microsoft.management.services.models.operation` **";
    let docs = tempfile::tempdir().expect("tempdir");
    let resources = docs.path().join("beta/resources");
    fs::create_dir_all(&resources).expect("mkdir");
    fs::write(
        resources.join("tuple.md"),
        format!(
            "---\ntitle: \"tuple resource type\"\ndoc_type: resourcePageType\n---\n\n\
             # tuple resource type\n\nA pair.\n\n## Properties\n|Property|Type|Description|\n\
             |:---|:---|:---|\n|item1|String|First.|\n|item2|{unknown} collection|Second.|\n"
        ),
    )
    .expect("write");
    let dir = spec_dir_with_api();
    let report = import(&[docs.path().to_path_buf()], dir.path()).expect("imports");
    println!("{report}");
    assert!(report.failed.is_empty(), "{report}");
    assert!(
        !report
            .notes
            .iter()
            .any(|n| n.page.ends_with("opaque-types.yaml")),
        "{report}"
    );
    let spec = msgraph_codegen::load::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let listed: Vec<&str> = spec
        .opaque_types
        .iter()
        .map(|name| name.item.value.as_str())
        .collect();
    assert_eq!(listed, [unknown]);
}

#[test]
fn pages_imported_one_by_one_find_what_earlier_imports_wrote() {
    let Some(docs) = docs_dir("beta") else { return };
    let [resource, enumeration, update] =
        <[PathBuf; 3]>::try_from(family_pages(&docs)).expect("three");
    let dir = spec_dir_with_api();
    // The update page first: its entity is placed by its title.
    import(&[update], dir.path()).expect("imports the update page");
    // The entity next: its `create` flags come from the update page already in the spec
    // directory, re-read from the documentation.
    let report = import(&[resource], dir.path()).expect("imports the resource page");
    println!("{report}");
    assert_eq!(
        read(&family_file(dir.path(), RESOURCE)),
        read(&family_file(&checked_in_spec(), RESOURCE))
    );
    // The enum last: it joins the folder of the resource that uses it.
    import(&[enumeration], dir.path()).expect("imports the enum page");
    assert_eq!(
        read(&family_file(dir.path(), ENUM)),
        read(&family_file(&checked_in_spec(), ENUM))
    );
}

#[test]
fn what_a_damaged_page_documents_twice_or_cannot_name_is_left_out_with_a_note() {
    let Some(docs) = docs_dir("beta") else { return };
    let copy = tempfile::tempdir().expect("tempdir");
    let pages = family_pages(copy.path());
    for (from, to) in family_pages(&docs).iter().zip(&pages) {
        fs::create_dir_all(to.parent().expect("a folder")).expect("mkdir");
        fs::copy(from, to).expect("copy");
    }
    let [resource, enumeration, update] = <[PathBuf; 3]>::try_from(pages).expect("three");
    // A second page documenting the same type.
    let again = resource.with_file_name(format!("{RESOURCE}2.md"));
    fs::copy(&resource, &again).expect("copy");
    // A table separator repeated, read as a property row.
    let text = read(&resource);
    let header = "|Property|Type|Description|\n|:---|:---|:---|\n";
    let rows = text.find(header).expect("the Properties table") + header.len();
    fs::write(
        &resource,
        format!("{}|:---|:---|:---|\n{}", &text[..rows], &text[rows..]),
    )
    .expect("write");
    // A member row written twice.
    let text = read(&enumeration);
    let row = text.find("|none|").expect("the `none` row");
    let end = row + text[row..].find('\n').expect("a line end") + 1;
    let repeated_value = "|repeated|0|The value of `none`.|\n";
    fs::write(
        &enumeration,
        format!(
            "{}{}{repeated_value}{}",
            &text[..end],
            &text[row..end],
            &text[end..]
        ),
    )
    .expect("write");
    // A request line whose path does not parse.
    let text = read(&update);
    let request = text
        .find("PATCH /deviceManagement/")
        .expect("the request line");
    let end = request + text[request..].find('\n').expect("a line end") + 1;
    fs::write(
        &update,
        format!(
            "{}PATCH /deviceManagement/{{id}}x}}\n{}",
            &text[..end],
            &text[end..]
        ),
    )
    .expect("write");

    let dir = spec_dir_with_api();
    let report =
        import(&[resource, enumeration, update, again.clone()], dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.failed, vec![again.clone()]);
    let notes = [
        (
            RESOURCE.to_owned() + "2",
            "documents type `managedAllDeviceCertificateState`, which",
        ),
        (
            RESOURCE.to_owned(),
            "row `:--- | :--- | :---` without a name or type; left out",
        ),
        (
            ENUM.to_owned(),
            "member `none` listed again; kept the first",
        ),
        (
            ENUM.to_owned(),
            "member `repeated` repeats the value 0 of an earlier member; left out",
        ),
        (
            UPDATE.to_owned(),
            "the request path `/deviceManagement/{id}x}` is malformed",
        ),
    ];
    for (stem, note) in notes {
        assert!(
            has_note(&report, &format!("{stem}.md"), note),
            "{stem}: {note}"
        );
    }
    // What was written is what the undamaged pages give, and the generator takes it.
    for stem in [RESOURCE, ENUM, UPDATE] {
        assert_eq!(
            read(&family_file(dir.path(), stem)),
            read(&family_file(&checked_in_spec(), stem)).replace(ALL_CLOUDS, ""),
            "{stem}"
        );
    }
    msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn permissions_separated_by_spaces_or_a_stray_bar_are_split_into_names() {
    let Some(docs) = docs_dir("beta") else { return };
    let api = docs.join("intune-2021/beta/api");
    // The cirrus page writes `|DeviceManagementConfiguration.ReadWrite.All
    // DeviceManagementConfiguration.Read.All|` under "from most to least privileged"; the sync
    // page puts its scope in an extra cell, `| &nbsp; **Onboarding** | |DeviceManagementApps.ReadWrite.All|`.
    let cirrus = api.join("intune-cirrus-officeclientconfiguration-list.md");
    let sync = api.join("intune-shared-deviceappmanagement-syncmicrosoftstoreforbusinessapps.md");
    let todo = api.join("intune-devices-windowsmanagementapp-setasmanagedinstaller.md");
    let dir = spec_dir_with_api();
    let report = import(&[cirrus.clone(), sync.clone(), todo], dir.path()).expect("imports");
    assert!(report.failed.is_empty(), "{report}");
    assert!(has_note(
        &report,
        "intune-cirrus-officeclientconfiguration-list.md",
        "separated by spaces"
    ));
    let cirrus = read(
        &dir.path()
            .join("officeClientConfiguration/intune-cirrus-officeclientconfiguration-list.yaml"),
    );
    assert!(
        cirrus.contains(
            "    application: [DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All]\n"
        ),
        "{cirrus}"
    );
    let sync = read(&dir.path().join(
        "deviceAppManagement/intune-shared-deviceappmanagement-syncmicrosoftstoreforbusinessapps.yaml",
    ));
    assert!(
        sync.contains("    delegated_work_or_school: [DeviceManagementApps.ReadWrite.All]\n"),
        "{sync}"
    );
    // A placeholder is not a list of names: it stays as the page wrote it.
    let todo = read(&dir.path().join(
        "windowsManagementApp/intune-devices-windowsmanagementapp-setasmanagedinstaller.yaml",
    ));
    assert!(
        todo.contains(r#"    application: ["**TODO: Determine AppOnly scopes **"]"#),
        "{todo}"
    );
}

/// Imports a sample API page, altered by `alter`, alone into an empty spec; checks that it
/// imports, with `note` among its notes, into a spec that generates.
fn import_altered_page(page: &str, alter: impl FnOnce(&str) -> String, note: &str) {
    let Some(docs) = docs_dir("beta") else { return };
    let text = read(&docs.join("beta/api").join(page));
    let copy = tempfile::tempdir().expect("tempdir");
    let path = copy.path().join("beta/api").join(page);
    fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    fs::write(&path, alter(&text)).expect("write");
    let dir = spec_dir_with_api();
    let report = import(std::slice::from_ref(&path), dir.path()).expect("imports");
    println!("{report}");
    assert!(report.failed.is_empty());
    assert!(has_note(&report, page, note), "{note}");
    msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn a_parameters_body_whose_rows_are_lost_is_left_out_with_a_note() {
    import_altered_page(
        "intune-devices-manageddevice-setdevicename.md",
        |text| {
            let table = text
                .find("|Property|Type|Description|")
                .expect("the parameters table");
            let end = table + text[table..].find("\n\n").expect("the table's end");
            format!("{}{}", &text[..table], &text[end..])
        },
        "no parameter row can be read; request body left out",
    );
}

#[test]
fn a_body_under_a_request_line_that_carries_none_is_left_out_with_a_note() {
    // The HTTP request section's line says GET; the example keeps its POST.
    import_altered_page(
        "intune-devices-manageddevice-setdevicename.md",
        |text| {
            let request = text.find("\nPOST /").expect("the request line") + 1;
            format!("{}GET{}", &text[..request], &text[request + "POST".len()..])
        },
        "the request line says GET, which carries no body",
    );
}

/// Imports the sample's `api/<page>`, altered by `alter`, alone into a spec with `api.yaml`;
/// the report and the page's spec file (`<folder>/<page>.yaml`), or `None` with a notice when
/// the sample is absent.
fn import_workload_page(
    page: &str,
    folder: &str,
    alter: impl FnOnce(&str) -> String,
) -> Option<(ImportReport, String, tempfile::TempDir)> {
    let docs = docs_dir("beta-workloads/api")?;
    let text = read(&docs.join("beta-workloads/api").join(page));
    let copy = tempfile::tempdir().expect("tempdir");
    let path = copy.path().join("beta/api").join(page);
    fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    fs::write(&path, alter(&text)).expect("write");
    let dir = spec_dir_with_api();
    let report = import(std::slice::from_ref(&path), dir.path()).expect("imports");
    println!("{report}");
    assert!(report.failed.is_empty());
    let stem = page.strip_suffix(".md").expect("a markdown page");
    let file = read(&dir.path().join(folder).join(format!("{stem}.yaml")));
    Some((report, file, dir))
}

#[test]
fn a_delta_page_s_state_tokens_are_optional_query_parameters() {
    let Some((report, file, dir)) = import_workload_page("user-delta.md", "user", str::to_owned)
    else {
        return;
    };
    assert!(
        file.contains(
            "  query_parameters:\n    - name: $deltatoken\n      type: String\n      description: \
             A [state token](/graph/delta-query-overview) returned in the `@odata.deltaLink` URL"
        ),
        "{file}"
    );
    assert!(
        file.contains("    - name: $skiptoken\n      type: String\n"),
        "{file}"
    );
    assert!(!file.contains("required: true\n  headers"), "{file}");
    // The SDK snippets the page includes per language are not documentation.
    assert!(!report.notes.iter().any(|n| n.reason.contains("snippets")));
    let files = msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let request = &files
        .iter()
        .find(|file| file.path.ends_with("user/user_delta.rs"))
        .expect("the request's file")
        .contents;
    // The tokens are setters sent in the URL; the page's `Prefer: return=minimal` a setter too.
    for expected in [
        r#".with_optional("$deltatoken", self.deltatoken.as_ref())"#,
        "pub fn skiptoken(mut self, skiptoken: ::std::string::String) -> Self",
        "pub fn prefer_return_minimal(mut self) -> Self",
        r#".preference("return=minimal", self.prefer_return_minimal)"#,
    ] {
        assert!(request.contains(expected), "{expected} in {request}");
    }
    assert!(!request.contains(r#"("prefer","#), "{request}");
}

#[test]
fn query_parameters_the_section_requires_are_required_and_odata_options_are_left_to_query() {
    let Some((report, file, dir)) = import_workload_page("user-delta.md", "user", |text| {
        let table = text
            .find("| Query parameter")
            .expect("the parameters table");
        let rows = "| startDateTime | DateTimeOffset | The start of the range. |\n\
                    | [$top](/graph/query-parameters#top-parameter) | Int32 | Page size. |\n\
                    | ids | String collection | Which ones. |\n\
                    | mode | string | How. Optional. |\n";
        let end = table + text[table..].find("\n\n").expect("the table's end") + 1;
        format!(
            "{}In the request URL, provide the following required query parameters with values.\n\n{}{rows}{}",
            &text[..table],
            &text[table..end],
            &text[end..]
        )
    }) else {
        return;
    };
    for (name, ty, required) in [
        ("$deltatoken", "String", true),
        ("$skiptoken", "String", true),
        ("startDateTime", "DateTimeOffset", true),
        ("mode", "String", false),
    ] {
        let row = format!("    - name: {name}\n      type: {ty}\n");
        let at = file.find(&row).unwrap_or_else(|| panic!("{row} in {file}"));
        let rest = &file[at + row.len()..];
        let next = rest.find("    - name:").unwrap_or(rest.len());
        assert_eq!(rest[..next].contains("required: true"), required, "{name}");
    }
    assert!(!file.contains("name: $top"), "{file}");
    assert!(!file.contains("name: ids"), "{file}");
    assert!(has_note(
        &report,
        "user-delta.md",
        "query parameter `ids` has the type `String collection`, not a Graph primitive; left out"
    ));
    msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn include_files_are_noted_and_not_imported_as_pages() {
    let Some(docs) = docs_dir("beta-workloads/includes") else {
        return;
    };
    let dir = spec_dir_with_api();
    let report = import(&[docs.join("beta-workloads/includes")], dir.path()).expect("imports");
    assert!(report.failed.is_empty(), "{report}");
    assert!(report.imported.is_empty(), "{report}");
    assert!(has_note(
        &report,
        "includes/permissions/driveitem-get-permissions.md",
        "an include file"
    ));
}

/// The written spec file of the page `stem`, wherever its resource folder is.
fn written(dir: &Path, stem: &str) -> String {
    let name = format!("{stem}.yaml");
    fs::read_dir(dir)
        .expect("spec dir")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .map(|folder| folder.join(&name))
        .find(|file| file.exists())
        .map(|file| read(&file))
        .unwrap_or_else(|| panic!("no {name} written"))
}

#[test]
fn request_paths_are_read_as_the_documentation_writes_them() {
    let docs = tempfile::tempdir().expect("tempdir");
    let api = docs.path().join("beta/api");
    fs::create_dir_all(&api).expect("mkdir");
    let page = api.join("message-get.md");
    let lines = [
        "GET /me/messages/{id}",
        "GET /users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}",
        "GET /me/messages/{id}?$expand=mentions",
        "GET /me/messages?$filter=isRead eq true",
        "GET users/{id}/messages/{id}",
        "GET /me/mailFolders/{id}/childFolders/{id}/.../messages/{id}",
        "GET /users/{id/messages/{id}",
        "GET /me/messages/{id}/$value",
        "DELETE /me/messages/{id}",
        "GET /me/messages/{id}#top",
        "GET /reports/getReport(period='{period_value}')",
    ];
    fs::write(
        &page,
        format!(
            "---\ndoc_type: apiPageType\n---\n# Get message\n\nGet a message.\n\n\
             ## HTTP request\n```http\n{}\n```\n## Response\n\
             If successful, this method returns a `200 OK` response code and a message object.\n",
            lines.join("\n")
        ),
    )
    .expect("write");
    let dir = spec_dir_with_api();
    let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.imported, vec![page.clone()]);
    let spec = written(dir.path(), "message-get");
    let expected = "  path: /me/messages/{id}\n  additional_paths:\n    \
                    - /users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}\n    \
                    - /me/messages\n    - /users/{id}/messages/{id}\n    \
                    - /reports/getReport(period='{period_value}')\n  path_parameters:\n    \
                    - name: id\n";
    assert!(spec.contains(expected), "{spec}");
    // Line 10 is the first request line.
    let at = |line: usize, text: &str| {
        report
            .notes
            .iter()
            .any(|n| n.page == page && n.line == line && n.reason.contains(text))
    };
    assert!(at(
        12,
        "`?$expand=mentions` after the request path `/me/messages/{id}` left out"
    ));
    assert!(at(
        12,
        "`/me/messages/{id}` repeats an earlier request line; left out"
    ));
    assert!(at(
        13,
        "`?$filter=isRead eq true` after the request path `/me/messages` left out"
    ));
    assert!(at(
        14,
        "does not start with `/`; read as `/users/{id}/messages/{id}`"
    ));
    assert!(at(15, "elides segments (`...`); left out"));
    assert!(at(16, "is malformed ("));
    assert!(at(
        17,
        "addresses the item's `$value`, the first request line"
    ));
    assert!(at(
        18,
        "is requested with DELETE, the first request line with GET"
    ));
    assert!(at(19, "`#top` after the request path"));
    assert!(
        !report
            .notes
            .iter()
            .any(|n| n.reason.contains("appears twice"))
    );
}

#[test]
fn the_sample_pages_request_paths_are_all_read() {
    let Some(docs) = docs_dir("beta-workloads/api") else {
        return;
    };
    let api = docs.join("beta-workloads/api");
    let pages: Vec<PathBuf> = [
        "event-get",
        "driveitem-get",
        "user-list-calendarview",
        "application-addpassword",
        "group-delete-members",
    ]
    .iter()
    .map(|stem| api.join(format!("{stem}.md")))
    .collect();
    let dir = spec_dir_with_api();
    let report = import(&pages, dir.path()).expect("imports");
    println!("{report}");
    assert!(report.failed.is_empty());
    assert_eq!(report.imported.len(), pages.len());
    let paths = |stem: &str| -> Vec<String> {
        written(dir.path(), stem)
            .lines()
            .skip_while(|line| !line.starts_with("  path: "))
            .take_while(|line| {
                ["  path: ", "  additional_paths:", "    - /"]
                    .iter()
                    .any(|start| line.starts_with(start))
            })
            .filter(|line| !line.starts_with("  additional_paths"))
            .map(|line| {
                line.trim_start_matches(['-', ' '])
                    .trim_start_matches("path: ")
                    .to_owned()
            })
            .collect()
    };
    let event = paths("event-get");
    assert_eq!(event.len(), 10, "{event:?}");
    assert_eq!(event[0], "/me/events/{id}");
    assert!(
        event.contains(
            &"/users/{id | userPrincipalName}/calendarGroups/{id}/calendars/{id}/events/{id}"
                .to_owned()
        )
    );
    assert_eq!(paths("driveitem-get").len(), 11);
    assert!(paths("driveitem-get").contains(&"/me/drive/root:/{item-path}".to_owned()));
    let calendar_view = paths("user-list-calendarview");
    assert_eq!(calendar_view.len(), 6);
    assert!(
        calendar_view
            .iter()
            .all(|path| path.ends_with("/calendarView"))
    );
    assert_eq!(
        paths("application-addpassword"),
        [
            "/applications/{id}/addPassword",
            "/applications(appId='{appId}')/addPassword"
        ]
    );
    assert_eq!(
        paths("group-delete-members"),
        ["/groups/{id}/members/{id}/$ref"]
    );
    assert!(
        !report
            .notes
            .iter()
            .any(|n| n.reason.contains("is malformed"))
    );
}

/// Imports the whole sample of the other workloads into a spec with `api.yaml`: the report and
/// the spec directory, or `None` with a notice when the sample is absent.
fn import_workload_sample() -> Option<(ImportReport, tempfile::TempDir)> {
    let docs = docs_dir("beta-workloads")?;
    let dir = spec_dir_with_api();
    let report = import(&[docs.join("beta-workloads")], dir.path()).expect("imports");
    println!("{report}");
    Some((report, dir))
}

#[test]
fn every_sample_page_imports_into_a_spec_the_generator_accepts() {
    let Some((report, dir)) = import_workload_sample() else {
        return;
    };
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.imported.len(), 70);
    // Older pages without `doc_type` (driveitem.md) or without front matter (subscription.md).
    assert!(has_note(
        &report,
        "resources/subscription.md",
        "no front matter: read as a resource page, as its title `subscription resource type` says"
    ));
    assert!(has_note(
        &report,
        "resources/driveitem.md",
        "the front matter has no `doc_type`: read as a resource page"
    ));
    msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn an_api_page_belongs_to_the_type_the_page_names_in_the_casing_its_page_documents() {
    let Some((report, dir)) = import_workload_sample() else {
        return;
    };
    let folder_of = |stem: &str| -> String {
        let name = format!("{stem}.yaml");
        fs::read_dir(dir.path())
            .expect("spec dir")
            .map(|entry| entry.expect("entry").path())
            .find(|folder| folder.join(&name).exists())
            .and_then(|folder| folder.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| panic!("no {name} written"))
    };
    for (stem, folder) in [
        // `driveItem: copy`: the title names the type.
        ("driveitem-copy", "driveItem"),
        ("driveitem-createuploadsession", "driveItem"),
        // The file name's type comes before its verb, cased as the resource page spells it
        // (`DriveItem resource type`, `@type: microsoft.graph.driveItem`).
        ("driveitem-get-content", "driveItem"),
        ("driveitem-put-content", "driveItem"),
        ("group-post-members", "group"),
        ("group-delete-members", "group"),
        ("user-list-memberof", "user"),
        // Of `microsoft.graph.security`: the folder keeps the namespace's last segment.
        ("security-alert-get", "security.alert"),
        // `List attachments` answers `[Attachment](../resources/attachment.md)` objects.
        ("message-list-attachments", "attachment"),
        ("driveitem", "driveItem"),
    ] {
        assert_eq!(folder_of(stem), folder, "{stem}");
    }
    let folders: Vec<String> = fs::read_dir(dir.path())
        .expect("spec dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for stray in [
        "get",
        "post",
        "delete",
        "children",
        "users",
        "string",
        "DriveItem",
    ] {
        assert!(
            !folders.contains(&stray.to_owned()),
            "{stray} in {folders:?}"
        );
    }
    assert!(has_note(
        &report,
        "message-list-attachments.md",
        "the page names the type `Attachment`, documented as `attachment`; read as `attachment`"
    ));
    let files = msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        !files
            .iter()
            .any(|file| file.path.to_string_lossy().contains("attachment_2")),
        "a type named in two casings is one type"
    );
}

#[test]
fn request_lines_under_several_headings_are_one_operation_s() {
    let Some((report, file, dir)) =
        import_workload_page("driveitem-put-content.md", "driveItem", str::to_owned)
    else {
        return;
    };
    assert!(
        file.contains("  method: PUT\n  path: /drives/{drive-id}/items/{item-id}/content\n"),
        "{file}"
    );
    assert!(
        file.contains("    - /drives/{drive-id}/items/{parent-id}:/{filename}:/content\n"),
        "{file}"
    );
    assert!(file.contains("    content: binary\n"), "{file}");
    // "returns a [driveItem](…) object": the annotation of the example response says which.
    assert!(
        file.contains("    status: 200\n    type: driveItem\n"),
        "{file}"
    );
    assert!(has_note(
        &report,
        "driveitem-put-content.md",
        "the request lines are under 2 headings (`HTTP request (to replace an existing item)`, \
         `HTTP request (to upload a new file)`)"
    ));
    // The `## Example (…)` sections are read: the second one's request is a known item's.
    assert!(
        file.contains("        url: /me/drive/items/{item-id}/content\n"),
        "{file}"
    );
    msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn a_page_walking_through_several_calls_documents_its_first() {
    let Some((report, file, dir)) = import_workload_page(
        "driveitem-createuploadsession.md",
        "driveItem",
        str::to_owned,
    ) else {
        return;
    };
    assert!(
        file.contains(
            "  method: POST\n  path: /drives/{driveId}/items/{itemId}/createUploadSession\n"
        ),
        "{file}"
    );
    assert!(file.contains("    type: uploadSession\n"), "{file}");
    for step in [
        "`## Upload bytes to the upload session` is another step (PUT https://sn3302",
        "`## Cancel the upload session` is another step (DELETE",
    ] {
        assert!(
            has_note(&report, "driveitem-createuploadsession.md", step),
            "{step}"
        );
    }
    assert!(!file.contains("method: PUT"), "{file}");
    msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn request_bodies_in_the_other_workloads_wordings_are_read() {
    let Some((_, dir)) = import_workload_sample() else {
        return;
    };
    // "provide a JSON object with the following parameters"
    let change_password = written(dir.path(), "user-changepassword");
    assert!(
        change_password.contains(
            "    parameters:\n      - name: currentPassword\n        type: String\n        \
             description: Your current password.\n      - name: newPassword\n"
        ),
        "{change_password}"
    );
    let check = written(dir.path(), "directoryobject-checkmembergroups");
    assert!(
        check.contains("      - name: groupIds\n        type: String collection\n"),
        "{check}"
    );
    // "supply the values for relevant fields that should be updated": the resource's PATCH body.
    for (stem, ty) in [("user-update", "user"), ("message-update", "message")] {
        let update = written(dir.path(), stem);
        assert!(update.contains("  method: PATCH\n"), "{update}");
        assert!(
            update.contains(&format!("  request_body:\n    type: {ty}\n")),
            "{update}"
        );
    }
    // "provide an optional `passwordCredential` object with the following properties": the
    // body holds it under its name, `{"passwordCredential": {…}}`, as the example shows.
    let add_password = written(dir.path(), "application-addpassword");
    assert!(
        add_password.contains(
            "    parameters:\n      - name: passwordCredential\n        type: passwordCredential\n"
        ),
        "{add_password}"
    );
    assert!(
        add_password.contains("\"passwordCredential\": {"),
        "{add_password}"
    );
    // "specifying a request body is not necessary"
    assert!(!written(dir.path(), "message-send").contains("request_body"));
}

#[test]
fn delta_and_children_pages_answer_collections_of_their_resource() {
    let Some((report, dir)) = import_workload_sample() else {
        return;
    };
    // `### Response` under `## Request body`: read as the Response section.
    for (stem, ty) in [
        ("application-delta", "application"),
        ("group-delta", "group"),
    ] {
        let delta = written(dir.path(), stem);
        assert!(
            delta.contains(&format!(
                "  response:\n    status: 200\n    type: {ty}\n    collection: true\n"
            )),
            "{delta}"
        );
        assert!(delta.contains("  examples:\n"), "{delta}");
        assert!(!has_note(
            &report,
            &format!("{stem}.md"),
            "no `## Response` section"
        ));
    }
    // "composed of [driveItem][item-resource] resources": the annotation says
    // `Collection(microsoft.graph.driveItem)`; the requests under other headings are messages.
    let children = written(dir.path(), "driveitem-list-children");
    assert!(
        children.contains("    type: driveItem\n    collection: true\n"),
        "{children}"
    );
    assert!(!has_note(
        &report,
        "driveitem-list-children.md",
        "outside a Request or Response heading"
    ));
}

#[test]
fn a_permissions_table_per_resource_is_noted_once() {
    let Some((report, _, _)) = import_workload_page(
        "subscription-post-subscriptions.md",
        "subscription",
        str::to_owned,
    ) else {
        return;
    };
    let notes: Vec<&str> = report
        .notes
        .iter()
        .filter(|n| n.reason.contains("ermission"))
        .map(|n| n.reason.as_str())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with(
            "the Permissions table lists permissions per `Supported resource` (37 rows)"
        ),
        "{notes:?}"
    );
}

#[test]
fn types_of_other_namespaces_are_named_by_their_qualified_names_and_get_modules() {
    let Some(docs) = docs_dir("beta-workloads/resources") else {
        return;
    };
    let sample = docs.join("beta-workloads");
    let dir = spec_dir_with_api();
    let pages = [
        sample.join("resources/security-alert.md"),
        sample.join("api/security-alert-get.md"),
        sample.join("resources/identitygovernance-workflow.md"),
    ];
    let report = import(&pages, dir.path()).expect("imports");
    println!("{report}");
    assert!(report.failed.is_empty(), "{report}");
    assert!(
        !report.notes.iter().any(|n| n.reason.contains("namespace")),
        "{report}"
    );

    // "Namespace: microsoft.graph.security" qualifies the page's type; its Type cells are
    // qualified on the page already.
    let alert = written(dir.path(), "security-alert");
    assert!(
        alert.starts_with("entity:\n  name: microsoft.graph.security.alert\n"),
        "{alert}"
    );
    assert!(
        alert.contains("type: microsoft.graph.security.alertStatus\n"),
        "{alert}"
    );
    // The API page names its response `[alert](../resources/security-alert.md)`, a page of the
    // security family, on a page of that namespace.
    let get = written(dir.path(), "security-alert-get");
    assert!(
        get.contains("  response:\n    status: 200\n    type: microsoft.graph.security.alert\n"),
        "{get}"
    );
    // `[workflowBase](identitygovernance-workflowbase.md)` is of the page's namespace,
    // `[user](../resources/user.md)` and `microsoft.graph.user` of api.yaml's.
    let workflow = written(dir.path(), "identitygovernance-workflow");
    for expected in [
        "  name: microsoft.graph.identityGovernance.workflow\n",
        "  base_type: microsoft.graph.identityGovernance.workflowBase\n",
        "    - name: createdBy\n      type: user\n",
        "    - name: executionScope\n      type: user collection\n",
    ] {
        assert!(workflow.contains(expected), "{expected} in {workflow}");
    }

    let files = msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let file = |path: &str| {
        files
            .iter()
            .find(|file| file.path == Path::new(path))
            .map(|file| file.contents.as_str())
            .unwrap_or_else(|| panic!("no {path}"))
    };
    // The namespace's types are named in the models crate's module; the requests crate's
    // module names its operations, and the models crate's module for them; the module of the
    // crate users name names both.
    assert!(file("models/src/security.rs").contains("::Alert;"));
    assert!(file("models/src/identity_governance.rs").contains("::Workflow;"));
    let requests = file("workloads/security/src/security.rs");
    assert!(requests.contains("::GetAlert;"), "{requests}");
    assert!(
        requests.contains("pub(crate) use ::msgraph_beta_models::security::*;"),
        "{requests}"
    );
    let facade = file("src/security.rs");
    for glob in ["msgraph_beta_models", "msgraph_beta_security"] {
        let line = format!("pub use ::{glob}::security::*;");
        assert!(facade.contains(&line), "{line} in {facade}");
    }
    let alert_type = files
        .iter()
        .find(|f| f.contents.contains("pub struct Alert {"))
        .expect("the alert's file");
    assert!(
        alert_type.contents.contains(
            r##"pub const ODATA_TYPE: &'static str = "#microsoft.graph.security.alert";"##
        ),
        "{}",
        alert_type.contents
    );
    let request = files
        .iter()
        .find(|f| f.contents.contains("pub struct GetAlert {"))
        .expect("the request's file");
    assert!(
        request
            .contents
            .contains("type Output = crate::security::Alert;"),
        "{}",
        request.contents
    );
}

#[test]
fn includes_are_read_where_the_page_includes_them() {
    let Some((report, dir)) = import_workload_sample() else {
        return;
    };
    // Every include of the sample is read; none is left out.
    assert!(
        !report.notes.iter().any(|n| n.reason.contains("include `")),
        "{report}"
    );
    // `driveitem-get.md` gives its Permissions table only by an include, in the current
    // template: least privileged, then higher privileged, groups split by `</br>`.
    let get = read(&dir.path().join("driveItem/driveitem-get.yaml"));
    assert!(
        get.contains(
            "delegated_personal_account: [Files.Read, Files.ReadWrite, Files.Read.All, \
             Files.ReadWrite.All]\n    application: [Files.Read.All, Files.ReadWrite.All, \
             Group.Read.All, Group.ReadWrite.All, Sites.Read.All, Sites.ReadWrite.All]"
        ),
        "{get}"
    );
    // `message.md` includes a sentence inside the `id` row's Description cell.
    let message = read(&dir.path().join("message/message.yaml"));
    assert!(
        message.contains(
            "Unique identifier for the message. By default, this value changes when the item \
             is moved"
        ),
        "{message}"
    );
    // `security-alert.md` includes a call-out.
    let alert = read(&dir.path().join("security.alert/security-alert.yaml"));
    assert!(alert.contains("one of the two types of alerts"), "{alert}");
}

/// The spec file `<stem>.yaml` the import wrote, in whatever resource folder.
/// An API page in the documentation's format whose Request body section is `body`.
fn action_page(title: &str, path: &str, body: &str) -> String {
    format!(
        "---\ndoc_type: apiPageType\n---\n# {title}\n\nDo it to a [team](../resources/team.md), as [the other \
         one](team-unarchive.md) undoes.\n\n\
         ## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n\
         |:---|:---|\n|Delegated (work or school account)|Group.ReadWrite.All|\n\
         |Delegated (personal Microsoft account)|Not supported.|\n|Application|Group.ReadWrite.All|\n\n\
         ## HTTP request\n```http\nPOST {path}\n```\n\n## Request headers\n| Header | Value |\n\
         |:---|:---|\n| Authorization | Bearer {{token}}. Required. |\n\n## Request body\n\n{body}\n\
         ## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"
    )
}

#[test]
fn a_bare_parameters_or_properties_table_under_request_body_is_the_body_s_parameters() {
    let docs = tempfile::tempdir().expect("tempdir");
    let api = docs.path().join("beta/api");
    fs::create_dir_all(&api).expect("mkdir");
    // No sentence introduces either table; `team-clone.md` names its rows properties, as the
    // published page does, and marks a type `(optional)`.
    let archive = api.join("team-archive.md");
    fs::write(
        &archive,
        action_page(
            "team: archive",
            "/teams/{id}/archive",
            "| Parameter | Type | Description |\n|:---|:---|:---|\n\
             |shouldSetSpoSiteReadOnlyForMembers|Boolean|Whether to make the site read-only.|\n",
        ),
    )
    .expect("write");
    let clone = api.join("team-clone.md");
    fs::write(
        &clone,
        action_page(
            "Clone a team",
            "/teams/{id}/clone",
            "|Property\t   | Type\t|Description|\n|:---|:---|:---|\n\
             |classification|String (optional)|Describes a classification for the group.|\n\
             |displayName|String|The display name for the group.|\n\
             |description|String (optional)|An optional description for the group.|\n",
        ),
    )
    .expect("write");
    let dir = spec_dir_with_api();
    let report = import(&[archive.clone(), clone.clone()], dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.imported.len(), 2);
    let body_notes: Vec<(&Path, usize, &str)> = report
        .notes
        .iter()
        .filter(|n| n.reason.contains("Request body") || n.reason.contains("request body"))
        .map(|n| (n.page.as_path(), n.line, n.reason.as_str()))
        .collect();
    // Only the table of properties is doubtful: no sentence says they are parameters.
    assert_eq!(
        body_notes,
        [(
            clone.as_path(),
            // The table's header row, below `## Request body` on line 26.
            28,
            "the Request body section is a table of properties (`Property | Type | Description`) \
             with no sentence saying of what; read as the parameters of the POST request"
        )]
    );
    assert!(
        written(dir.path(), "team-archive").contains(
            "  request_body:\n    description: \"\"\n    parameters:\n\
             \x20     - name: shouldSetSpoSiteReadOnlyForMembers\n        type: Boolean\n\
             \x20       description: Whether to make the site read-only.\n"
        ),
        "{}",
        written(dir.path(), "team-archive")
    );
    // `(optional)` is no part of the type: the description says it, unless it does already.
    assert!(
        written(dir.path(), "team-clone").contains(
            "    parameters:\n\
             \x20     - name: classification\n        type: String\n\
             \x20       description: Optional. Describes a classification for the group.\n\
             \x20     - name: displayName\n        type: String\n\
             \x20       description: The display name for the group.\n\
             \x20     - name: description\n        type: String\n\
             \x20       description: An optional description for the group.\n"
        ),
        "{}",
        written(dir.path(), "team-clone")
    );
    msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn a_bare_link_is_written_with_the_folder_of_the_page_that_links() {
    let docs = tempfile::tempdir().expect("tempdir");
    let resources = docs.path().join("beta/resources");
    let api = docs.path().join("beta/api");
    fs::create_dir_all(&resources).expect("mkdir");
    fs::create_dir_all(&api).expect("mkdir");
    let resource = resources.join("team.md");
    fs::write(
        &resource,
        "---\ndoc_type: resourcePageType\n---\n# team resource type\n\n\
         A team, with its [channels](channel.md) and [owners](./user.md#properties).\n\n\
         ## Properties\n| Property | Type | Description |\n|:---|:---|:---|\n\
         |id|String|The [identifier](../resources/id.md); see [Get team](../api/team-get.md).|\n\n\
         ## JSON representation\n```json\n{\"id\": \"String\"}\n```\n",
    )
    .expect("write");
    let archive = api.join("team-archive.md");
    fs::write(
        &archive,
        action_page(
            "team: archive",
            "/teams/{id}/archive",
            "Do not supply a request body.\n",
        ),
    )
    .expect("write");
    let dir = spec_dir_with_api();
    let report = import(&[resource, archive], dir.path()).expect("imports");
    println!("{report}");
    let team = written(dir.path(), "team");
    assert!(
        team.contains(
            "A team, with its [channels](../resources/channel.md) and \
             [owners](../resources/user.md#properties)."
        ),
        "{team}"
    );
    // Links that say their folder already stay as written.
    assert!(
        team.contains("The [identifier](../resources/id.md); see [Get team](../api/team-get.md)."),
        "{team}"
    );
    // An API page's bare link is to another API page.
    let summary = written(dir.path(), "team-archive");
    assert!(
        summary.contains(
            "Do it to a [team](../resources/team.md), as [the other one](../api/team-unarchive.md) \
             undoes."
        ),
        "{summary}"
    );
    let lowered = msgraph_codegen::generate(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let model = lowered
        .iter()
        .find(|file| file.path.ends_with("team.rs"))
        .expect("the team model");
    assert!(
        model.contents.contains(
            "[channels](https://learn.microsoft.com/graph/api/resources/channel?view=graph-rest-beta)"
        ),
        "{}",
        model.contents
    );
}
