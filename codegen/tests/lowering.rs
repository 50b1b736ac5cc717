//! Generating from a spec by value, dropping each endpoint once lowered and printing its
//! operation's file at once (what `cargo xtask codegen` does to bound its memory), prints what
//! generating from it borrowed prints, and refuses what it refuses with the same diagnostics.

use std::path::Path;

use msgraph_codegen::emit::{Collect, GeneratedFile};
use msgraph_codegen::load::{Spec, parse_sources};
use msgraph_codegen::spec::unlocated;
use msgraph_codegen::{build, diagnostic::Diagnostics, generate_into, synth};

fn spec() -> Spec {
    parse_sources(Path::new("spec"), synth::synthesize(40, 3)).unwrap_or_else(|e| panic!("{e}"))
}

fn by_value(spec: Spec) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let collect = Collect::default();
    generate_into(spec, &collect, None, |_stage| {})?;
    Ok(collect.into_files())
}

#[test]
fn generating_from_the_spec_by_value_prints_the_same_files() {
    let borrowed = build(&spec()).unwrap_or_else(|e| panic!("{e}"));
    let consumed = by_value(spec()).unwrap_or_else(|e| panic!("{e}"));
    assert!(borrowed.len() > 40, "{} files", borrowed.len());
    assert!(borrowed == consumed, "the two ways of generating differ");
}

#[test]
fn a_bad_endpoint_is_reported_alike_whether_the_spec_is_borrowed_or_consumed() {
    let broken = || {
        let mut spec = spec();
        let last = spec.endpoints.last_mut().expect("the spec has endpoints");
        last.item.response.ty = Some(unlocated("noSuchType".to_owned()));
        spec
    };
    let borrowed = build(&broken()).expect_err("an unknown type is refused");
    let consumed = by_value(broken()).expect_err("an unknown type is refused");
    let message = consumed.to_string();
    assert!(message.contains("unknown type `noSuchType`"), "{message}");
    assert_eq!(borrowed.to_string(), message);
}
