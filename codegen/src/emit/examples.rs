//! The examples test module: a test per operation with example bodies, reading each body into
//! its type and writing it back.

use proc_macro2::TokenStream;
use quote::quote;

use super::{gate, ident, inner_docs, rust_type};
use crate::ir::{ExamplesModule, ResourceTests};

/// A resource's file of the module: a test per operation with example bodies.
pub fn resource_tests(tests: &ResourceTests) -> TokenStream {
    let gate = gate(std::slice::from_ref(&tests.feature));
    let tests = tests.tests.iter().map(|test| {
        let name = ident(&test.name);
        let checks = test.examples.iter().map(|example| {
            let ty = rust_type(&example.ty);
            let label = &example.label;
            let json = raw_string(&example.json);
            quote!(super::check::<#ty>(#label, #json);)
        });
        quote! {
            #gate
            #[test]
            fn #name() {
                #(#checks)*
            }
        }
    });
    quote!(#(#tests)*)
}

/// The module's own file: its docs, `check`, and a module per resource with tests, in a file of
/// its own (the module is the crate's largest, and a resource's examples change alone).
pub fn examples_module(examples: &ExamplesModule) -> TokenStream {
    let module_docs = inner_docs(&examples.docs);
    let modules = examples.resources.iter().map(|resource| {
        let module = ident(resource);
        quote!(mod #module;)
    });
    quote! {
        #module_docs

        #(#modules)*

        /// Reads `json` as `T` and writes it back: the JSON must come back the same, but for
        /// what the types define as the same: a `null` member is an absent one (models read
        /// both as `None`), and a fraction equals one that rounds to the same `f32` (the
        /// examples give `Single` properties more digits than they hold).
        #[track_caller]
        fn check<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(example: &str, json: &str) {
            let documented: ::serde_json::Value =
                ::serde_json::from_str(json).expect("the generator writes the example as JSON");
            let value: T = ::serde_json::from_value(documented.clone())
                .unwrap_or_else(|error| panic!("{example}: not read: {error}\n{json}"));
            let written = ::serde_json::to_value(&value)
                .unwrap_or_else(|error| panic!("{example}: not written: {error}"));
            let same = same(&documented, &written);
            assert!(
                same,
                "{example}: written back differently\ndocumented: {documented}\nwritten:    {written}"
            );
        }

        fn same(documented: &::serde_json::Value, written: &::serde_json::Value) -> bool {
            use ::serde_json::Value;
            match (documented, written) {
                (Value::Object(documented), Value::Object(written)) => {
                    let present = |object: &::serde_json::Map<::std::string::String, Value>| {
                        object.iter().filter(|(_, value)| !value.is_null()).count()
                    };
                    present(documented) == present(written)
                        && documented.iter().filter(|(_, value)| !value.is_null()).all(
                            |(name, value)| written.get(name).is_some_and(|w| same(value, w)),
                        )
                }
                (Value::Array(documented), Value::Array(written)) => {
                    documented.len() == written.len()
                        && documented.iter().zip(written).all(|(d, w)| same(d, w))
                }
                (Value::Number(documented), Value::Number(written)) => {
                    let integers = !documented.is_f64() && !written.is_f64();
                    documented == written
                        || !integers
                            && documented.as_f64().zip(written.as_f64()).is_some_and(
                                |(d, w)| d == w || d as f32 == w as f32,
                            )
                }
                (documented, written) => documented == written,
            }
        }
    }
}

/// `text` as a raw string literal, with enough `#`s that no `"` inside ends it: JSON reads as
/// itself, without escapes.
fn raw_string(text: &str) -> TokenStream {
    let hashes = (1..)
        .map(|n| "#".repeat(n))
        .find(|hashes| !text.contains(&format!("\"{hashes}")))
        .expect("some number of `#` does not occur");
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .expect("a raw string literal is one token")
}
