using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Seed 002 as the API recorded it: the events the parties' requests (<see cref="Seed002"/>, <see cref="Seed002Review"/>)
/// wrote, read from <c>seed002.history.json</c>, which only <c>Seed002TimelineTests</c> writes (from a case it drives
/// through the HTTP API), so the model, minutes and Panel report tests fold a history the API can produce, without a host.
/// Every free-text field can pass through <c>text</c>, so a test can plant hostile strings in all of them at once.
/// </summary>
public static class Seed002Recorded
{
    private const string FileName = "seed002.history.json";
    public const string CaseId = "seed002";
    public const string MeetingId = Seed002.MeetingId;
    public static readonly DateTimeOffset Start = History.Start;
    public static readonly int[] OpsgScope = Seed002.OpsgScope;
    public static readonly string Action01 = Seed002Review.ActionIds[0];
    public static readonly string Action02 = Seed002Review.ActionIds[1];
    public static readonly string Action03 = Seed002Review.ActionIds[2];

    private static readonly Lazy<IReadOnlyList<(Actor Actor, RecordEvent Event)>> Golden =
        new(() => Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", FileName))));

    public static DateOnly MeetingDate => Golden.Value.Select(e => e.Event).OfType<ReviewOpened>().Single().MeetingDate;

    /// <summary>The DCC's risks and those added at the meeting, in the order the minutes list them.</summary>
    public static int[] RiskNumbers =>
        [.. Golden.Value.Select(e => e.Event).OfType<ReadinessSubmitted>().Single().Risks.Select(r => r.Number)
            .Concat(Golden.Value.Select(e => e.Event).OfType<RiskAdded>().Select(r => r.Number)).Order()];

    /// <summary>Every event, in the order the API recorded them (the TAG's view came before the meeting).</summary>
    public static IReadOnlyList<RecordEvent> All(Func<string, string>? text = null) =>
        [.. Golden.Value.Select(e => Texts(e.Event, text ?? (s => s)))];

    /// <summary>The case opened and the DCC's submission: what was recorded before the TAG gave its view.</summary>
    public static IReadOnlyList<RecordEvent> Opening(Func<string, string>? text = null) =>
        [.. All(text).TakeWhile(e => e is not TagViewRecorded)];

    public static TagViewRecorded TagView(Func<string, string>? text = null) => All(text).OfType<TagViewRecorded>().Single();

    /// <summary>What SECAS recorded of the meeting: opening the review, attendance, the added risks, actions and every decision.</summary>
    public static IReadOnlyList<RecordEvent> Meeting(Func<string, string>? text = null) =>
        [.. All(text).SkipWhile(e => e is not ReviewOpened).TakeWhile(e => e is not PostMeetingNoteAdded)];

    /// <summary>Everything before the first post-meeting note: the case as it stood when the meeting closed.</summary>
    public static IReadOnlyList<RecordEvent> UntilMeetingClosed(Func<string, string>? text = null) =>
        [.. All(text).TakeWhile(e => e is not PostMeetingNoteAdded)];

    /// <summary>As in the seed, only the note closing action /02 gives a date (5 March); the others give none.</summary>
    public static IReadOnlyList<PostMeetingNoteAdded> Notes(Func<string, string>? text = null) => [.. All(text).OfType<PostMeetingNoteAdded>()];

    /// <summary>
    /// Events as a history: sequence from 1, one hour apart, each by the actor the API recorded for its kind of event, and
    /// an event of a kind the seed never recorded by the actor who opened the case (SECAS).
    /// </summary>
    public static IReadOnlyList<RecordedEvent> Recorded(IEnumerable<RecordEvent> events) =>
        events.Select((e, i) => new RecordedEvent(i + 1, e, ActorFor(e), Start.AddHours(i))).ToList();

    /// <summary>The case after <paramref name="events"/>, typically a prefix of <see cref="All"/>.</summary>
    public static CaseState Fold(IEnumerable<RecordEvent> events) => CaseRecord.Fold(CaseId, Recorded(events));

    public static CaseState State(Func<string, string>? text = null) => Fold(All(text));

    public static CaseState AtMeeting() => Fold(UntilMeetingClosed());

    private static Actor ActorFor(RecordEvent e) =>
        Golden.Value.Where(g => g.Event.GetType() == e.GetType()).Select(g => g.Actor).FirstOrDefault() ?? Golden.Value.First(g => g.Event is CaseOpened).Actor;

    /// <summary>
    /// The file's text for a history read from storage: the parties' events with who recorded them, in order. Left out are
    /// the sequence and time (the loader gives its own), and the engine's own events (activities scheduled, reports
    /// rendered): their blob names and template hashes change with every case and template edit, and the workflow is
    /// tested on its own.
    /// </summary>
    public static string Normalise(IEnumerable<RecordedEvent> history) =>
        new JsonArray([.. history.Where(e => e.Actor.Role != Role.Engine).Select(e => new JsonObject
        {
            ["type"] = CaseRecord.Events.NameOf(e.Event),
            ["actor"] = JsonSerializer.SerializeToNode(e.Actor, RecordJson.Options),
            ["event"] = JsonNode.Parse(CaseRecord.Events.Serialize(e.Event)),
        })]).ToJsonString(FileFormat).ReplaceLineEndings("\n") + "\n";

    /// <summary>Where the test that drives the API writes the file: beside this source file, to be committed.</summary>
    public static string SourcePath => Path.Combine(DirectoryOf(), FileName);

    private static string DirectoryOf([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;

    // Indented and with quotes and apostrophes left as they are, so a change to the file reads as a change to the seed.
    private static readonly JsonSerializerOptions FileFormat = new(RecordJson.Options) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static List<(Actor, RecordEvent)> Parse(string json) =>
        [.. JsonNode.Parse(json)!.AsArray().Select(row => (
            row!["actor"].Deserialize<Actor>(RecordJson.Options)!,
            CaseRecord.Events.Deserialize(row["type"]!.GetValue<string>(), row["event"]!.ToJsonString())))];

    private static RecordEvent Texts(RecordEvent e, Func<string, string> t) => e switch
    {
        CaseOpened o => o with { Title = t(o.Title) },
        ReadinessSubmitted s => s with
        {
            Subject = new Subject(t(s.Subject.Capability), t(s.Subject.DeviceModelCombination), t(s.Subject.PanelAsk)),
            Criteria = [.. s.Criteria.Select(c => c with { Statement = t(c.Statement) })],
            Risks = [.. s.Risks.Select(r => r with { Title = t(r.Title), Explanation = t(r.Explanation) })],
        },
        TagViewRecorded v => v with
        {
            Criteria = [.. v.Criteria.Select(c => c with { Commentary = t(c.Commentary), Condition = Maybe(c.Condition, t) })],
            Risks = [.. v.Risks.Select(r => r with { View = t(r.View) })],
        },
        MeetingRecorded m => m with
        {
            Venue = t(m.Venue),
            Attendees = [.. m.Attendees.Select(a => a with { Name = t(a.Name), Organisation = Maybe(a.Organisation, t), AlternateFor = Maybe(a.AlternateFor, t), Role = Maybe(a.Role, t) })],
            Apologies = [.. m.Apologies.Select(a => a with { Name = t(a.Name), Organisation = Maybe(a.Organisation, t) })],
        },
        RiskAdded r => r with { Title = t(r.Title), Explanation = t(r.Explanation), RaisedBy = t(r.RaisedBy) },
        ActionRaised a => a with { Text = t(a.Text), Owner = t(a.Owner) },
        CriterionDecided c => c with { Condition = Maybe(c.Condition, t), RagNote = Maybe(c.RagNote, t), Discussion = Maybe(c.Discussion, t) },
        RiskDecided r => r with { Discussion = Maybe(r.Discussion, t) },
        PostMeetingNoteAdded n => n with { Text = t(n.Text) },
        _ => e,
    };

    private static string? Maybe(string? s, Func<string, string> t) => s is null ? null : t(s);
}
