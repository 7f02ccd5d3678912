using Opsg.Functions.Records;

namespace Opsg.Functions.Criteria;

/// <summary>One Live Service Criterion of a programme, by its fixed number and title.</summary>
public sealed record Criterion(int Lsc, string Title);

/// <summary>
/// The Live Service Criteria of one programme: a fixed, titled list. A case names its catalogue when it
/// opens, and every submission, decision, TAG view or note that cites a criterion must cite one of these.
/// </summary>
public sealed record CriteriaCatalogue(string Id, string Programme, IReadOnlyList<Criterion> Criteria)
{
    public bool Contains(int lsc) => Criteria.Any(c => c.Lsc == lsc);

    public string? TitleOf(int lsc) => Criteria.FirstOrDefault(c => c.Lsc == lsc)?.Title;

    /// <summary>"LSC 1 to 9", or the numbers one by one where the list has gaps.</summary>
    public string Describe()
    {
        var numbers = Criteria.Select(c => c.Lsc).Order().ToList();
        var contiguous = numbers.Count > 1 && numbers[^1] - numbers[0] == numbers.Count - 1;
        return contiguous ? $"LSC {numbers[0]} to {numbers[^1]}" : $"LSC {string.Join(", ", numbers)}";
    }

    /// <summary>Why <paramref name="lsc"/> cannot be cited in a case using this catalogue, or null when it can.</summary>
    public string? Miss(int lsc) =>
        Contains(lsc) ? null : $"LSC {lsc} is not in the {Programme} catalogue ({Describe()}).";
}

/// <summary>How the documents and answers name a set of criteria, whichever body or report names them.</summary>
public static class Lscs
{
    /// <summary>"no LSCs", "LSC 2", "LSCs 2 and 3", "LSCs 2, 3 and 9".</summary>
    public static string Named(IReadOnlyList<int> numbers) => numbers.Count switch
    {
        0 => "no LSCs",
        1 => $"LSC {numbers[0]}",
        _ => $"LSCs {string.Join(", ", numbers.Take(numbers.Count - 1))} and {numbers[^1]}",
    };
}

/// <summary>The catalogues the service knows. Ids are stored with each case and never retired.</summary>
public static class CriteriaCatalogues
{
    public const string Smets1MigrationId = "smets1-migration";

    /// <summary>SMETS1 migration: LSC 1 to 9. The OPSG takes most in its scope; the TAG the testing ones (4 and 5).</summary>
    public static readonly CriteriaCatalogue Smets1Migration = new(Smets1MigrationId, "SMETS1 migration",
    [
        new(1, "Migration services ready, with early migration support for the Device Model Combinations concerned"),
        new(2, "Service operations capability ready"),
        new(3, "Service and migration run at the volumes needed, alongside all SMETS2 activity"),
        new(4, "Testing of the migrating Device Model Combinations complete"),
        new(5, "Test exit: remaining defects and testing gaps accepted"),
        new(6, "Existing SMETS1 and SMETS2 services stable before the new capability"),
        new(7, "Lessons from earlier capabilities built into live processes"),
        new(8, "No detrimental impact on consumers expected"),
        new(9, "Business continuity and disaster recovery assured"),
    ]);

    public static readonly IReadOnlyList<CriteriaCatalogue> All = [Smets1Migration];

    /// <summary>What a case uses when it is opened without naming one.</summary>
    public static CriteriaCatalogue Default => Smets1Migration;

    public static CriteriaCatalogue? Find(string? id) =>
        All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The catalogue a case cites from. A case opened before catalogues were named has none on record;
    /// SMETS1 migration was the only programme then.
    /// </summary>
    public static CriteriaCatalogue Of(string? named) => Find(named) ?? Default;

    /// <summary>Adds an error on <paramref name="field"/> when <paramref name="lsc"/> is outside the catalogue.</summary>
    public static bool CheckCited(this Validator v, CriteriaCatalogue catalogue, int lsc, string field)
    {
        if (catalogue.Miss(lsc) is not { } miss) return true;
        v.Add(field, miss);
        return false;
    }
}
