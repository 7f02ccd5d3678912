using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Links;
using Opsg.Functions.Panel;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Security;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// Durable's "raise event" for the parties outside the meeting: the TAG's view, the Panel's decision, the
/// approval of the minutes. One function per event, so each declares who may raise it. An event the case does
/// not wait for yet is kept in the record (202) and applied as soon as it does.
/// </summary>
public sealed class ExternalEventFunctions(CaseCommands commands)
{
    [Function("RaiseTagView")]
    [AllowRoles(Roles.Tag, Roles.Secas)]
    public Task<IResult> TagView(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/raiseEvent/TagView")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client) =>
        RaiseAsync<TagViewRequest, TagViewRecorded>(request, caseId, client, CaseProcess.TagViewName, Review.TagView.Validate);

    [Function("RaisePanelDecision")]
    [AllowRoles(Roles.Secas, Roles.Panel)]
    public Task<IResult> PanelDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/raiseEvent/PanelDecision")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client) =>
        RaiseAsync<PanelDecisionRequest, PanelDecisionRecorded>(request, caseId, client, CaseProcess.PanelDecisionName, Panel.PanelDecision.Validate,
            // The Panel decides on a report it was sent; until then the case is not one it knows (SECAS may still record
            // a decision the Panel made elsewhere, kept until the case waits for it).
            refuse: state => request.HttpContext.User.IsPanelOnly() && !state.SentToPanel ? CaseRules.NotFound(caseId) : null);

    [Function("RaiseMinutesApproved")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> MinutesApproved(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/raiseEvent/MinutesApproved")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client) =>
        RaiseAsync<MinutesApprovalRequest, MinutesApproved>(request, caseId, client, CaseProcess.MinutesApprovedName, MinutesApproval.Validate);

    private Task<IResult> RaiseAsync<TRequest, TEvent>(HttpRequest request, string caseId, DurableTaskClient client, string name, Func<TRequest, (TEvent?, Rejection?)> validate,
        Func<CaseState, Rejection?>? refuse = null)
        where TRequest : class
        where TEvent : CaseEvent
    {
        var kind = CaseProcess.FindWait(name)!;
        return commands.RunJsonAsync(request, caseId, client, validate, e => RecordCommand<CaseState>.Deciding(
            state => refuse?.Invoke(state) is { } refused ? refused : CaseProcess.Raise(state, kind, e),
            // 200 when applied; 202 when kept until the case waits for it.
            (state, summary) => Acknowledgement.Ok(state, summary, state.Inbox.Values.Any(kept => kept.Name == kind.Name) ? 202 : 200)));
    }
}
