//! One walker per payload kind; each calls the rule checks in `rules/`.

pub(crate) mod pan;
pub(crate) mod sailpoint;
pub(crate) mod sase;
pub(crate) mod test_result;

use crate::ctx::Ctx;
use crate::json::Node;
use crate::kind::Kind;
use crate::pointer::Ptr;

pub(crate) fn check(kind: Kind, ctx: &mut Ctx, root: &Node) {
    let at = Ptr::ROOT;
    match kind {
        Kind::ScmMfaServer => pan::check_body(ctx, root, &at, pan::Flavor::Scm),
        Kind::SaseMfaServer => sase::check(ctx, root, &at),
        Kind::SailpointOktaConfig => sailpoint::check_config(ctx, root, &at, sailpoint::OKTA),
        Kind::SailpointDuoConfig => sailpoint::check_config(ctx, root, &at, sailpoint::DUO),
        Kind::SailpointTestResult => test_result::check(ctx, root, &at),
    }
}
