import SeguiaCore

/// The person signed in on this request, for the pages to greet and to put in their forms.
///
/// A task-local rather than a parameter of every page: the layout of every page shows who is
/// signed in, and the pages themselves never decide anything from it (they read the request
/// context's identity for that).
struct WebViewer: Sendable {
    var account: Account
    /// The token this person's forms carry.
    var formToken: String
    /// The session's secret, to end this session at sign-out.
    var sessionSecret: String
    /// Notifications not read yet, counted in the header of every page.
    var unreadNotifications: Int = 0

    @TaskLocal static var current: WebViewer?
}
