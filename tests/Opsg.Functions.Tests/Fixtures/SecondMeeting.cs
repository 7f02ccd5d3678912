using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Review;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// A second case, reviewed at the next meeting (OPSG_30, 24 March 2020), so registers across meetings
/// have two meetings to group. Not from a seed: three plausible actions with target dates, the third
/// closed by a post-meeting note. As events for pure tests, as request bodies for HTTP tests.
/// </summary>
public static class SecondMeeting
{
    public const string CaseId = "opsg30";
    public const string MeetingId = "OPSG_30";
    public const string Title = "SMETS1 MOC: second DMC cohort readiness";
    public static readonly DateOnly MeetingDate = new(2020, 3, 24);
    public static readonly DateTimeOffset Start = new(2020, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public const string Action01 = "OPSG 30/01";
    public const string Action02 = "OPSG 30/02";
    public const string Action03 = "OPSG 30/03";
    public static readonly DateOnly Target01 = new(2020, 4, 7);
    public static readonly DateOnly Target02 = new(2020, 5, 1);
    public static readonly DateOnly Target03 = new(2020, 3, 31);
    public static readonly DateOnly Action03ClosedOn = new(2020, 3, 30);

    private static string Same(string s) => s;

    public static IReadOnlyList<RecordEvent> Events(Func<string, string>? text = null)
    {
        var t = text ?? Same;
        return
        [
            new CaseOpened(t(Title), Classification.NotForPublication, MeetingId, MeetingDate),
            new ReviewOpened(MeetingId, MeetingDate, null),
            new MeetingRecorded(MeetingId, MeetingDate, "10:00", "12:00", t("Teleconference"),
                [new Attendee(t("Dave Warner"), Constituency.OperationsGroupChair, null, true, null, false, null)], []),
            new ActionRaised(Action01, 1, t("Report the cohort's migration failure rate to members every week."), t("DCC"), MeetingDate, Target01),
            new ActionRaised(Action02, 2, t("Circulate the updated daily go/no-go criteria."), t("SECAS"), MeetingDate, Target02),
            new ActionRaised(Action03, 3, t("Confirm the date of the next BCDR test."), t("DCC"), MeetingDate, Target03),
            new PostMeetingNoteAdded("PMN-1", NoteEffect.ActionClosed, Action03, null, null, Action03ClosedOn, t("Test date confirmed; action closed.")),
        ];
    }

    public static CaseState State(Func<string, string>? text = null) =>
        CaseRecord.Fold(CaseId, Events(text).Select((e, i) => new RecordedEvent(i + 1, e, new Actor(Role.Secas, "secas"), Start.AddHours(i))).ToList());

    public static object OpenCase => new { title = Title, classification = "notForPublication", meetingId = MeetingId, meetingDate = "2020-03-24" };

    public static object OpenReview => new { meetingDate = "2020-03-24" };

    public static object Meeting => new
    {
        date = "2020-03-24",
        startTime = "10:00",
        endTime = "12:00",
        venue = "Teleconference",
        attendees = new[] { new { name = "Dave Warner", constituency = "operationsGroupChair", teleconference = true } },
    };

    public static readonly object[] Actions =
    [
        new { text = "Report the cohort's migration failure rate to members every week.", owner = "DCC", targetDate = "2020-04-07" },
        new { text = "Circulate the updated daily go/no-go criteria.", owner = "SECAS", targetDate = "2020-05-01" },
        new { text = "Confirm the date of the next BCDR test.", owner = "DCC", targetDate = "2020-03-31" },
    ];

    public static object Action03Closed => new { effect = "actionClosed", actionId = Action03, on = "2020-03-30", text = "Test date confirmed; action closed." };
}
