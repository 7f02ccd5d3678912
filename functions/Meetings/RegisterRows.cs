using Opsg.Functions.Reports;

namespace Opsg.Functions.Meetings;

/// <summary>
/// The meetings' own actions as the register lists them on a date: raised by then, open or closed then; pure. Actions a
/// readiness case raised are listed under their case instead, from the case's record.
/// </summary>
public static class RegisterRows
{
    public static IReadOnlyList<RegisterMeetingAction> On(ActionsAcrossMeetings actions, DateOnly date) =>
        actions.All.Where(a => a.RaisedOn <= date && a.CaseId is null).Select(a =>
        {
            var open = a.IsOpenOn(date);
            var overdue = open ? a.DaysOverdueOn(date) : 0;
            var latest = a.LatestReviewOn(date);
            return new RegisterMeetingAction(
                a.RaisedAt, a.RaisedOn, a.ActionId, a.Text, a.Owner, a.RaisedOn, a.Imported,
                ActionTargets.Printed(a.TargetOn(date)), open, open ? "Open" : "Closed", open ? "open" : "closed",
                overdue > 0 ? ActionsRegisterAcrossMeetings.Due(overdue) : "", overdue > 0, overdue,
                latest is null ? "" : $"{latest.MeetingId.Replace('_', ' ')}: {ActionReviews.Outcome(latest.Review)}. {latest.Review.Discussion}", latest is not null);
        }).ToList();
}
