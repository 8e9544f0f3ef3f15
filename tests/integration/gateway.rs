//! A gateway with separate path prefixes for login and API.

use purecloud::api::users::GetUsers;
use purecloud::time::RecordingClock;
use purecloud_sandbox::{Sandbox, SandboxConfig};

use crate::common::{sandbox_builder, sandbox_gateway};

#[tokio::test]
async fn prefixes_reach_sandbox() {
    let config = SandboxConfig {
        api_prefix: "/api-gw".into(),
        login_prefix: "/login-gw".into(),
        ..SandboxConfig::default()
    };
    let sandbox = Sandbox::start_with(config).await.unwrap();
    let clock = RecordingClock::new();
    let gateway = sandbox_gateway(&sandbox)
        .api_prefix("api-gw")
        .login_prefix("/login-gw/");
    let client = sandbox_builder(&sandbox, &clock)
        .gateway(gateway)
        .build()
        .unwrap();

    let page = client.call(GetUsers::new().page_size(3)).await.unwrap();

    assert_eq!(page.entities.as_ref().map_or(0, Vec::len), 3);
    let paths: Vec<String> = sandbox
        .controls()
        .recorded()
        .iter()
        .map(|request| request.path_and_query())
        .collect();
    assert_eq!(
        paths,
        vec![
            "/login-gw/oauth/token".to_owned(),
            "/api-gw/api/v2/users?pageSize=3".to_owned()
        ]
    );
}
