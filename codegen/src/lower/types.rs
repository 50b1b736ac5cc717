//! Documented type references to Rust types.

use super::{Derived, Lowering};
use crate::ir::{RustType, TypePath};
use crate::validate::TypeKind;
use crate::vocabulary::TypeRef;

impl<'a> Lowering<'a, '_> {
    /// The Rust type of a Type cell (`String`, `widgetStatus collection`, …).
    pub(super) fn rust_type(&mut self, documented: &str) -> RustType {
        let reference = TypeRef::parse(documented);
        let element = self.element_type(reference);
        if reference.collection {
            RustType::Vec(Box::new(element))
        } else {
            element
        }
    }

    fn element_type(&mut self, reference: TypeRef<'_>) -> RustType {
        if let Some(primitive) = reference.primitive() {
            return RustType::Primitive(primitive);
        }
        let name = reference.name;
        match self.symbols.kind(name) {
            // Validation resolved every reference, so `None` does not occur.
            Some(TypeKind::Opaque) | None => RustType::Json,
            Some(TypeKind::Enum { flags: true }) => {
                RustType::Flags(Box::new(RustType::Enum(self.type_path_of(name))))
            }
            Some(TypeKind::Enum { flags: false }) => RustType::Enum(self.type_path_of(name)),
            // The base type's variant is named as the type is: it is claimed first.
            Some(TypeKind::Entity | TypeKind::Complex) if self.symbols.is_polymorphic(name) => {
                RustType::Polymorphic {
                    name: self.polymorphic_name(name),
                    base: self.type_path_of(name).name,
                }
            }
            Some(TypeKind::Entity | TypeKind::Complex) => RustType::Named(self.type_path_of(name)),
        }
    }

    /// The Rust name of the enum over a base type and its derived types.
    pub(super) fn polymorphic_name(&mut self, base: &str) -> TypePath {
        self.derived_name(base, Derived::Polymorphic)
    }
}
