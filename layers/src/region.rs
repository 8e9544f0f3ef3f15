//! The public Genesys Cloud regions and their domains.
//!
//! A region's API host is `api.<domain>` and its login host is
//! `login.<domain>`. The list follows the `PureCloudRegionHosts` enum of the
//! official SDKs.
//! A region added after this release can still be reached with
//! [`Environment::domain`](crate::environment::Environment::domain).
//!
//! ```
//! use purecloud_layers::region::Region;
//!
//! let region: Region = "eu-west-1".parse()?;
//! assert_eq!(region.domain(), "mypurecloud.ie");
//! assert_eq!("mypurecloud.ie".parse::<Region>()?, region);
//! # Ok::<(), purecloud_layers::error::ConfigError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use crate::error::ConfigError;

/// A public Genesys Cloud region.
///
/// The default is [`Region::UsEast1`], the region the official SDKs use when
/// none is configured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// `us-east-1`, domain `mypurecloud.com`.
    #[default]
    UsEast1,
    /// `eu-west-1`, domain `mypurecloud.ie`.
    EuWest1,
    /// `ap-southeast-2`, domain `mypurecloud.com.au`.
    ApSoutheast2,
    /// `ap-northeast-1`, domain `mypurecloud.jp`.
    ApNortheast1,
    /// `eu-central-1`, domain `mypurecloud.de`.
    EuCentral1,
    /// `us-west-2`, domain `usw2.pure.cloud`.
    UsWest2,
    /// `ca-central-1`, domain `cac1.pure.cloud`.
    CaCentral1,
    /// `ap-northeast-2`, domain `apne2.pure.cloud`.
    ApNortheast2,
    /// `eu-west-2`, domain `euw2.pure.cloud`.
    EuWest2,
    /// `ap-south-1`, domain `aps1.pure.cloud`.
    ApSouth1,
    /// `us-east-2`, domain `use2.us-gov-pure.cloud`, the US government cloud.
    UsEast2,
    /// `sa-east-1`, domain `sae1.pure.cloud`.
    SaEast1,
    /// `me-central-1`, domain `mec1.pure.cloud`.
    MeCentral1,
    /// `ap-northeast-3`, domain `apne3.pure.cloud`.
    ApNortheast3,
    /// `eu-central-2`, domain `euc2.pure.cloud`.
    EuCentral2,
    /// `mx-central-1`, domain `mxc1.pure.cloud`.
    MxCentral1,
    /// `ap-southeast-1`, domain `apse1.pure.cloud`.
    ApSoutheast1,
    /// `eusc-de-east-1`, domain `edee1.eusc-pure.cloud`.
    EuscDeEast1,
}

impl Region {
    /// Every region.
    pub const ALL: [Region; 18] = [
        Region::UsEast1,
        Region::EuWest1,
        Region::ApSoutheast2,
        Region::ApNortheast1,
        Region::EuCentral1,
        Region::UsWest2,
        Region::CaCentral1,
        Region::ApNortheast2,
        Region::EuWest2,
        Region::ApSouth1,
        Region::UsEast2,
        Region::SaEast1,
        Region::MeCentral1,
        Region::ApNortheast3,
        Region::EuCentral2,
        Region::MxCentral1,
        Region::ApSoutheast1,
        Region::EuscDeEast1,
    ];

    /// Returns the region name, such as `us-east-1`.
    pub const fn name(self) -> &'static str {
        match self {
            Region::UsEast1 => "us-east-1",
            Region::EuWest1 => "eu-west-1",
            Region::ApSoutheast2 => "ap-southeast-2",
            Region::ApNortheast1 => "ap-northeast-1",
            Region::EuCentral1 => "eu-central-1",
            Region::UsWest2 => "us-west-2",
            Region::CaCentral1 => "ca-central-1",
            Region::ApNortheast2 => "ap-northeast-2",
            Region::EuWest2 => "eu-west-2",
            Region::ApSouth1 => "ap-south-1",
            Region::UsEast2 => "us-east-2",
            Region::SaEast1 => "sa-east-1",
            Region::MeCentral1 => "me-central-1",
            Region::ApNortheast3 => "ap-northeast-3",
            Region::EuCentral2 => "eu-central-2",
            Region::MxCentral1 => "mx-central-1",
            Region::ApSoutheast1 => "ap-southeast-1",
            Region::EuscDeEast1 => "eusc-de-east-1",
        }
    }

    /// Returns the region's domain, such as `mypurecloud.com`, from which the
    /// API host (`api.<domain>`) and login host (`login.<domain>`) derive.
    pub const fn domain(self) -> &'static str {
        match self {
            Region::UsEast1 => "mypurecloud.com",
            Region::EuWest1 => "mypurecloud.ie",
            Region::ApSoutheast2 => "mypurecloud.com.au",
            Region::ApNortheast1 => "mypurecloud.jp",
            Region::EuCentral1 => "mypurecloud.de",
            Region::UsWest2 => "usw2.pure.cloud",
            Region::CaCentral1 => "cac1.pure.cloud",
            Region::ApNortheast2 => "apne2.pure.cloud",
            Region::EuWest2 => "euw2.pure.cloud",
            Region::ApSouth1 => "aps1.pure.cloud",
            Region::UsEast2 => "use2.us-gov-pure.cloud",
            Region::SaEast1 => "sae1.pure.cloud",
            Region::MeCentral1 => "mec1.pure.cloud",
            Region::ApNortheast3 => "apne3.pure.cloud",
            Region::EuCentral2 => "euc2.pure.cloud",
            Region::MxCentral1 => "mxc1.pure.cloud",
            Region::ApSoutheast1 => "apse1.pure.cloud",
            Region::EuscDeEast1 => "edee1.eusc-pure.cloud",
        }
    }

    /// Returns the region whose domain is `domain`, compared without regard
    /// to case.
    pub fn from_domain(domain: &str) -> Option<Region> {
        Region::ALL
            .into_iter()
            .find(|region| region.domain().eq_ignore_ascii_case(domain))
    }

    fn from_name(name: &str) -> Option<Region> {
        Region::ALL
            .into_iter()
            .find(|region| region.name().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Region {
    /// Writes the region name, such as `us-east-1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Region {
    type Err = ConfigError;

    /// Parses a region name (`us-east-1`) or a region domain
    /// (`mypurecloud.com`). Case is ignored and surrounding whitespace is
    /// trimmed. Underscores are accepted in place of hyphens in a name, so the
    /// official SDKs' `PureCloudRegionHosts` names, such as `us_east_1`, work
    /// too.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let trimmed = value.trim();
        let as_name = trimmed.replace('_', "-");

        Region::from_name(&as_name)
            .or_else(|| Region::from_domain(trimmed))
            .ok_or_else(|| unknown_region(value))
    }
}

/// Returns every region name, separated by commas, for error messages.
pub(crate) fn names() -> String {
    let names: Vec<&str> = Region::ALL.iter().map(|region| region.name()).collect();
    names.join(", ")
}

fn unknown_region(value: &str) -> ConfigError {
    ConfigError::new(
        "region",
        value,
        format!(
            "expected a region name ({}) or the domain of one of these regions, such as mypurecloud.ie; \
             for a region this release does not list, use Environment::domain with its domain",
            names()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_has_distinct_names() {
        let mut names: Vec<&str> = Region::ALL.iter().map(|r| r.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Region::ALL.len());
    }

    #[test]
    fn all_has_distinct_domains() {
        let mut domains: Vec<&str> = Region::ALL.iter().map(|r| r.domain()).collect();
        domains.sort_unstable();
        domains.dedup();
        assert_eq!(domains.len(), Region::ALL.len());
    }

    #[test]
    fn parse_every_name() {
        for region in Region::ALL {
            assert_eq!(region.name().parse::<Region>(), Ok(region), "{region}");
        }
    }

    #[test]
    fn parse_every_domain() {
        for region in Region::ALL {
            assert_eq!(region.domain().parse::<Region>(), Ok(region), "{region}");
        }
    }

    #[test]
    fn parse_ignores_case_and_whitespace() {
        assert_eq!(" EU-West-1\n".parse::<Region>(), Ok(Region::EuWest1));
        assert_eq!("MyPureCloud.JP".parse::<Region>(), Ok(Region::ApNortheast1));
    }

    #[test]
    fn parse_accepts_underscores() {
        assert_eq!("us_west_2".parse::<Region>(), Ok(Region::UsWest2));
    }

    #[test]
    fn parse_unknown_names_value() {
        let error = "us-east-9".parse::<Region>().unwrap_err();
        assert_eq!(error.setting, "region");
        assert_eq!(error.value, "us-east-9");
        assert!(error.reason.contains("eusc-de-east-1"), "{error}");
        assert!(error.to_string().contains("\"us-east-9\""), "{error}");
    }

    #[test]
    fn parse_rejects_api_host() {
        assert!("api.mypurecloud.com".parse::<Region>().is_err());
    }

    #[test]
    fn default_is_us_east_1() {
        assert_eq!(Region::default(), Region::UsEast1);
    }

    #[test]
    fn display_is_name() {
        assert_eq!(Region::EuscDeEast1.to_string(), "eusc-de-east-1");
    }
}
