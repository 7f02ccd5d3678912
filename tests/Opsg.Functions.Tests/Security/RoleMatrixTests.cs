using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Opsg.DevHost;
using Opsg.Functions.Hosting;
using Opsg.Functions.Security;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Security;

/// <summary>
/// Every endpoint × every role, read from the app's own endpoint table so a new endpoint cannot
/// escape: anonymous → 401, a role not allowed → 403, an allowed role gets past authorization
/// (whatever the handler then says about the minimal request). Functional success per role is
/// covered by each feature's own tests.
/// </summary>
public sealed partial class RoleMatrixTests(RoleMatrixTests.App fixture) : IClassFixture<RoleMatrixTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;

    public static readonly string[] Roles = ["Dcc", "Secas", "OpsgMember", "Tag", "Panel"];

    [Fact]
    public async Task EveryProtectedEndpoint_RefusesAnonymousWith401_AndRolesNotAllowedWith403_AndLetsAllowedRolesThrough()
    {
        var endpoints = ProtectedEndpoints();
        Assert.NotEmpty(endpoints);
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        var failures = new List<string>();
        foreach (var (method, route, allowed) in endpoints)
        {
            var url = Fill(route, caseId);
            var anonymous = await SendAsync(null, method, url);
            if (anonymous != HttpStatusCode.Unauthorized) failures.Add($"{method} {route} anonymous → {(int)anonymous}");
            foreach (var role in Roles)
            {
                var status = await SendAsync(role, method, url);
                var expectAllowed = allowed.Contains(role);
                if (expectAllowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    failures.Add($"{method} {route} as {role} (allowed) → {(int)status}");
                if (!expectAllowed && status != HttpStatusCode.Forbidden)
                    failures.Add($"{method} {route} as {role} (not allowed) → {(int)status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Who may do what: the specification the endpoints' declarations are held to.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ExpectedAccess = new Dictionary<string, string[]>
    {
        ["StartCase"] = ["Secas"],
        ["ListCases"] = ["Secas", "OpsgMember"],
        ["GetCase"] = Roles,
        ["TerminateCase"] = ["Secas"],
        ["RewindCase"] = ["Secas"],
        ["PurgeCase"] = ["Secas"],
        ["VerifyCase"] = ["Secas"],
        ["SubmitReadiness"] = ["Dcc"],
        ["GetReport"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["GetPanelReport"] = ["Panel"],
        ["AttachEvidence"] = ["Dcc"],
        ["GetEvidence"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["GetReview"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["OpenReview"] = ["Secas"],
        ["RecordMeeting"] = ["Secas"],
        ["RecordDecisions"] = ["Secas"],
        ["AddRisk"] = ["Secas"],
        ["RaiseAction"] = ["Secas"],
        ["GetAction"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["ReviseActionTarget"] = ["Secas"],
        ["NoteActionProgress"] = ["Dcc", "Secas"],
        ["AddPostMeetingNote"] = ["Secas"],
        ["RaiseTagView"] = ["Secas", "Tag"],
        ["RaisePanelDecision"] = ["Panel", "Secas"],
        ["RaiseMinutesApproved"] = ["Secas"],
        ["RequestReports"] = ["Secas"],
        ["GetReportChanges"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["GetActionsRegister"] = ["Secas", "OpsgMember"],
        ["IssueLink"] = ["Secas"],
        ["RevokeLink"] = ["Secas"],
        ["IssueMinutesLink"] = ["Secas"],
        ["RevokeMinutesLink"] = ["Secas"],
        ["GetLinkAccesses"] = ["Secas"],
        ["RequestPanelMailing"] = ["Secas"],
        ["CreateMeeting"] = ["Secas"],
        ["GetMeeting"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["ListMeetings"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["RescheduleMeeting"] = ["Secas"],
        ["CancelMeeting"] = ["Secas"],
        ["ReinstateMeeting"] = ["Secas"],
        ["VerifyMeeting"] = ["Secas"],
        ["RecordAttendance"] = ["Secas"],
        ["AddAgendaItem"] = ["Secas"],
        ["RecordOutcome"] = ["Secas"],
        ["RaiseMeetingAction"] = ["Secas"],
        ["AddMeetingNote"] = ["Secas"],
        ["ApprovePreviousMinutes"] = ["Secas"],
        ["RequestMinutes"] = ["Secas"],
        ["GetMeetingMinutes"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["ImportAction"] = ["Secas"],
        ["ReviewAction"] = ["Secas"],
        ["GetOutstandingActions"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["GetActionHistory"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["ListMinutesLinks"] = ["Secas"],
        ["GetMinutesLinkAccesses"] = ["Secas"],
        ["ChangeIssuesLog"] = ["Secas"],
        ["GetIssuesLog"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
        ["GetMinutesChanges"] = ["Dcc", "Secas", "OpsgMember", "Tag"],
    };

    [Fact]
    public void EveryProtectedEndpoint_IsNamedAndDeclaresExactlyTheRolesTheSpecificationGivesIt()
    {
        var declared = Served()
            .Where(e => e.Roles is not null)
            .Select(e => (Name: e.Endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, Roles: e.Roles!.Order().ToArray()))
            .ToList();
        foreach (var (name, roles) in declared)
        {
            Assert.True(ExpectedAccess.ContainsKey(name), $"Endpoint {name} is not in the access specification");
            Assert.Equal(ExpectedAccess[name].Order(), roles);
        }
        Assert.Empty(ExpectedAccess.Keys.Except(declared.Select(d => d.Name)));
    }

    [Fact]
    public async Task AnonymousEndpoints_AreOnlyHealthOpenApiAndPanelLinks()
    {
        var anonymous = Served()
            .Where(e => e.Roles is null)
            .Select(e => e.Endpoint.RoutePattern.RawText!.TrimStart('/'))
            .ToList();
        Assert.Equal(4, anonymous.Count);
        Assert.All(anonymous, route => Assert.Matches(@"^api/(health|openapi/|links/|\{\*path\}$)", route));
        var health = await _app.ClientAs(null).GetAsync("/api/health");
        Assert.NotEqual(HttpStatusCode.Unauthorized, health.StatusCode);
    }

    /// <summary>Every route the local host serves (exactly the HTTP functions of functions.metadata), with the roles its function declares; null for an anonymous one.</summary>
    private List<(RouteEndpoint Endpoint, IReadOnlyList<string>? Roles)> Served() =>
        _app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Method: FunctionMethods.Find(e.Metadata.GetMetadata<FunctionMetadata>()!.EntryPoint)))
            .Select(x => (x.Endpoint, x.Method.GetCustomAttribute<AllowAnonymousAttribute>() is null ? x.Method.GetCustomAttribute<AllowRolesAttribute>()!.Roles : null))
            .ToList();

    private List<(string Method, string Route, HashSet<string> Allowed)> ProtectedEndpoints() =>
        Served()
            .Where(x => x.Roles is not null)
            .SelectMany(x => x.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(m => (m, "/" + x.Endpoint.RoutePattern.RawText!.TrimStart('/'), x.Roles!.ToHashSet())))
            .ToList();

    private static string Fill(string route, string caseId) => RouteParameter().Replace(route, m => m.Groups["name"].Value switch
    {
        "caseId" => caseId,
        "kind" => "readiness-pack",
        _ => "1",
    });

    private async Task<HttpStatusCode> SendAsync(string? role, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        var response = await _app.ClientAs(role).SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
