//! Every file the checked-in spec generates, locked as a reviewed snapshot.

use msgraph_tests::spec_dir;

#[test]
fn generated_files_match_their_snapshots() {
    let files = msgraph_codegen::generate(&spec_dir()).expect("the checked-in spec generates");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for file in &files {
            let name = file.path.to_string_lossy().replace(['/', '\\'], "__");
            insta::assert_snapshot!(name, &file.contents);
        }
    });
}
