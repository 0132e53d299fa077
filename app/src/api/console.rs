//! The staff console's reads: the queue, one request, operations health, the deadline
//! dashboard. Each checks the
//! console session (a portal session opens nothing here). Writes are plain form posts to the
//! server's `/console/…` routes, whose URLs name their actions.

use domain::{
    admin::AdminPage,
    console::{BulkPreview, ConsoleRequest, HealthPage, QueuePage, Viewer},
    report::Dashboard,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::PublicError;

/// The queue's URL query, field by field; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueueQuery {
    /// The query string's (name, value) pairs.
    pub pairs: Vec<(String, String)>,
}

/// A console page's data and who is looking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seen<T> {
    /// Who is looking.
    pub viewer: Viewer,
    /// The page's data.
    pub page: T,
}

/// One page of the queue, filtered as the URL's query says.
#[server(prefix = "/api", endpoint = "console/queue", input = leptos::server_fn::codec::Json)]
pub async fn load_queue(query: QueueQuery) -> Result<Seen<QueuePage>, PublicError> {
    use crate::{ssr, staff};
    let backend = ssr::backend()?;
    let member = staff::current_staff(&backend).await?;
    let pairs = query.pairs.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let filter = domain::QueueFilter::parse(pairs).map_err(ssr::invalid)?;
    let page = backend.queue(&member, &filter).await.map_err(ssr::public)?;
    Ok(Seen {
        viewer: viewer(&member),
        page,
    })
}

/// Request `id` as the console shows it.
#[server(prefix = "/api", endpoint = "console/request")]
pub async fn load_console_request(id: String) -> Result<Seen<ConsoleRequest>, PublicError> {
    use crate::{ssr, staff};
    let backend = ssr::backend()?;
    let member = staff::current_staff(&backend).await?;
    let id = ssr::request_id(&id)?;
    let page = backend
        .console_request(&member, id)
        .await
        .map_err(ssr::public)?;
    Ok(Seen {
        viewer: viewer(&member),
        page,
    })
}

/// The deadline dashboard (every role reads it).
#[server(prefix = "/api", endpoint = "console/reports")]
pub async fn load_dashboard() -> Result<Seen<Dashboard>, PublicError> {
    use crate::{ssr, staff};
    let backend = ssr::backend()?;
    let member = staff::current_staff(&backend).await?;
    let page = backend.deadline_dashboard().await.map_err(ssr::public)?;
    Ok(Seen {
        viewer: viewer(&member),
        page,
    })
}

/// Operations health: failed tasks, dead jobs, open circuits, stuck requests.
#[server(prefix = "/api", endpoint = "console/health")]
pub async fn load_health() -> Result<Seen<HealthPage>, PublicError> {
    use crate::{ssr, staff};
    let backend = ssr::backend()?;
    let member = staff::current_staff(&backend).await?;
    let page = backend.health_page().await.map_err(ssr::public)?;
    Ok(Seen {
        viewer: viewer(&member),
        page,
    })
}

/// The admin screen, with what the viewer's last change shows once (`reveal`, from the URL
/// the change redirected to).
#[server(prefix = "/api", endpoint = "console/admin")]
pub async fn load_admin(reveal: Option<String>) -> Result<Seen<AdminPage>, PublicError> {
    use crate::{ssr, staff};
    let backend = ssr::backend()?;
    let member = staff::current_staff(&backend).await?;
    // A reveal id that does not parse names nothing to show.
    let reveal = reveal.and_then(|id| id.parse().ok());
    let page = backend
        .admin_page(&member, reveal)
        .await
        .map_err(ssr::public)?;
    Ok(Seen {
        viewer: viewer(&member),
        page,
    })
}

#[cfg(feature = "ssr")]
fn viewer(member: &backend::staff::StaffMember) -> Viewer {
    Viewer {
        email: member.email.as_str().to_owned(),
        role: member.role,
    }
}

/// A bulk action's dry run over the view the query names.
#[server(prefix = "/api", endpoint = "console/bulk", input = leptos::server_fn::codec::Json)]
pub async fn load_bulk(query: QueueQuery) -> Result<Seen<BulkPreview>, PublicError> {
    use crate::{ssr, staff};
    let backend = ssr::backend()?;
    let member = staff::current_staff(&backend).await?;
    let action = query
        .pairs
        .iter()
        .find(|(name, _)| name == "action")
        .map_or("", |(_, v)| v.as_str())
        .parse()
        .map_err(ssr::invalid)?;
    let pairs = query.pairs.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let filter = domain::QueueFilter::parse(pairs).map_err(ssr::invalid)?;
    let page = backend
        .bulk_preview(&member, &filter, action)
        .await
        .map_err(ssr::public)?;
    Ok(Seen {
        viewer: viewer(&member),
        page,
    })
}
