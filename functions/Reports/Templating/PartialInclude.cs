using Scriban;
using Scriban.Functions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Opsg.Functions.Reports;

/// <summary>
/// <c>include 'name' arg: value</c>, as Scriban's own include, except that the partial's output comes
/// back as <see cref="TrustedHtml"/>: it was written by the same encoding context, so writing it into
/// the calling template must not encode it a second time. Named arguments are the partial's
/// <c>$locals</c>.
/// </summary>
public sealed class PartialInclude : IScriptCustomFunction
{
    private static readonly IncludeFunction Scriban = new();

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        if (arguments.Count == 0 || arguments[0] is not string name)
            throw new ScriptRuntimeException(callerContext?.Span ?? context.CurrentSpan, "include needs the name of a partial.");
        var path = context.GetTemplatePathFromName(name, callerContext)!;
        var partial = context.GetOrCreateTemplate(path, callerContext);
        return new TrustedHtml(context.RenderTemplate(partial, arguments, callerContext));
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    public int RequiredParameterCount => Scriban.RequiredParameterCount;

    public int ParameterCount => Scriban.ParameterCount;

    public ScriptVarParamKind VarParamKind => Scriban.VarParamKind;

    public Type ReturnType => typeof(TrustedHtml);

    public ScriptParameterInfo GetParameterInfo(int index) => Scriban.GetParameterInfo(index);
}
