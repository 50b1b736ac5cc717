//! An endpoint's Permissions table, read row by row into what each permission type accepts.

use crate::ir::{Accepted, Permissions};
use crate::spec;
use crate::vocabulary::is_permission_name;

/// The table in typed form: an empty row is "Not supported.", a row of permission names
/// accepts any of them, and a row holding anything else (a `TODO` placeholder) names none.
pub(super) fn lower_permissions(table: &spec::Permissions) -> Permissions {
    Permissions {
        delegated_work_or_school: accepted(&table.delegated_work_or_school),
        delegated_personal_account: accepted(&table.delegated_personal_account),
        application: accepted(&table.application),
    }
}

fn accepted(row: &[String]) -> Accepted {
    if row.is_empty() {
        Accepted::NotSupported
    } else if row.iter().all(|name| is_permission_name(name)) {
        Accepted::AnyOf(row.to_vec())
    } else {
        // Part of a row cannot be trusted to be the whole list: the row names nothing.
        Accepted::NotStated(row.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::lower_permissions;
    use crate::ir::Accepted;
    use crate::spec;

    fn table(work: &[&str], personal: &[&str], application: &[&str]) -> spec::Permissions {
        let row = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect();
        spec::Permissions {
            delegated_work_or_school: row(work),
            delegated_personal_account: row(personal),
            application: row(application),
        }
    }

    #[test]
    fn rows_keep_their_documented_order_and_not_supported_is_its_own_value() {
        // intune-deviceconfig-managedalldevicecertificatestate-get.md
        let lowered = lower_permissions(&table(
            &[
                "DeviceManagementConfiguration.Read.All",
                "DeviceManagementConfiguration.ReadWrite.All",
            ],
            &[],
            &[
                "DeviceManagementConfiguration.Read.All",
                "DeviceManagementConfiguration.ReadWrite.All",
            ],
        ));
        assert_eq!(
            lowered.delegated_work_or_school,
            Accepted::AnyOf(vec![
                "DeviceManagementConfiguration.Read.All".to_owned(),
                "DeviceManagementConfiguration.ReadWrite.All".to_owned()
            ])
        );
        assert_eq!(lowered.delegated_personal_account, Accepted::NotSupported);
        assert_eq!(lowered.application, lowered.delegated_work_or_school);
    }

    #[test]
    fn a_placeholder_names_no_permission() {
        // intune-devices-windowsmanagementapp-setasmanagedinstaller.md
        let lowered = lower_permissions(&table(
            &["**TODO: Determine scopes **"],
            &[],
            &["**TODO: Determine AppOnly scopes **"],
        ));
        assert_eq!(
            lowered.delegated_work_or_school,
            Accepted::NotStated("**TODO: Determine scopes **".to_owned())
        );
        assert_eq!(
            lowered.application,
            Accepted::NotStated("**TODO: Determine AppOnly scopes **".to_owned())
        );
    }
}
