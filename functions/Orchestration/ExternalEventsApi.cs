using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Panel;
using Opsg.Functions.Review;
using Opsg.Functions.Security;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// Durable's "raise event" for the parties outside the meeting: the TAG's view, the Panel's decision,
/// the approval of the minutes. One route per event, so each declares who may raise it. An event the
/// case does not wait for yet is kept (202) and applied as soon as it does.
/// </summary>
public static class ExternalEventsApi
{
    public static IEndpointRouteBuilder MapExternalEvents(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/cases/{caseId}/raiseEvent").WithTags("Cases");
        Map<TagViewRequest, TagViewRecorded>(events, ExternalEvents.TagViewName, TagView.Validate);
        Map<PanelDecisionRequest, PanelDecisionRecorded>(events, ExternalEvents.PanelDecisionName, PanelDecision.Validate);
        Map<MinutesApprovalRequest, MinutesApproved>(events, ExternalEvents.MinutesApprovedName, MinutesApproval.Validate);
        return app;
    }

    private static void Map<TRequest, TEvent>(RouteGroupBuilder events, string name, Func<TRequest, (TEvent?, Rejection?)> validate)
        where TRequest : class
        where TEvent : CaseEvent
    {
        var kind = ExternalEvents.Find(name)!;
        events.MapPost($"/{name}", (HttpContext http, string caseId, CaseCommands commands) =>
                commands.RunJsonAsync<TRequest, TEvent>(http, caseId, validate, (s, e) => ExternalEvents.Raise(s, kind, e), Answer(kind)))
            .AllowRoles(kind.Roles)
            .Accepts<TRequest>("application/json")
            .WithName("Raise" + name);
    }

    /// <summary>200 when applied; 202 when kept until the case waits for it.</summary>
    private static Func<CaseState, CommandResponse> Answer(ExternalEventKind kind) =>
        state => Acknowledgement.Ok(state, state.Inbox.Values.Any(e => e.Name == kind.Name) ? 202 : 200);
}
