using System.Reflection;
using System.Text;

namespace Unico.IdCloud.PublicApi.Tests.Listing;

/// <summary>
/// Writes a type the way a C# reader expects (keywords, generic arguments, <c>T?</c>), fully qualified so that two
/// types with the same simple name never look alike in a listing. Nullability comes from a <see cref="NullabilityInfo"/>
/// when one is known; without one, reference types are written as declared (oblivious).
/// </summary>
internal static class TypeNameFormatter
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(char)] = "char",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
    };

    /// <summary>Formats <paramref name="type"/>; <paramref name="nullability"/> describes the use site, if known.</summary>
    /// <param name="type">The type (by-ref types are written without <c>ref</c>; the caller writes the ref kind).</param>
    /// <param name="nullability">The use site's nullability, or <see langword="null"/>.</param>
    /// <param name="useWriteState">Read the write state (what may be stored) instead of the read state.</param>
    public static string Format(Type type, NullabilityInfo? nullability, bool useWriteState = false)
    {
        var builder = new StringBuilder();
        Append(builder, type, nullability, useWriteState);
        return builder.ToString();
    }

    /// <summary>The declared name of a type definition: namespace, containing types and generic parameter names.</summary>
    public static string FormatDefinition(Type type)
    {
        var builder = new StringBuilder();
        if (type.DeclaringType is { } declaring)
        {
            builder.Append(FormatDefinition(declaring)).Append('.');
        }
        else if (!string.IsNullOrEmpty(type.Namespace))
        {
            builder.Append(type.Namespace).Append('.');
        }

        builder.Append(StripArity(type.Name));
        var own = OwnGenericArguments(type);
        if (own.Length > 0)
        {
            builder.Append('<').AppendJoin(", ", own.Select(p => VarianceOf(p) + p.Name)).Append('>');
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Type type, NullabilityInfo? info, bool write)
    {
        if (type.IsByRef)
        {
            Append(builder, type.GetElementType()!, info, write);
            return;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            Append(builder, underlying, info?.GenericTypeArguments.FirstOrDefault(), write);
            builder.Append('?');
            return;
        }

        if (type.IsArray)
        {
            Append(builder, type.GetElementType()!, info?.ElementType, write);
            builder.Append('[').Append(',', type.GetArrayRank() - 1).Append(']');
        }
        else if (type.IsPointer)
        {
            Append(builder, type.GetElementType()!, null, write);
            builder.Append('*');
        }
        else if (type.IsGenericParameter)
        {
            builder.Append(type.Name);
        }
        else if (Keywords.TryGetValue(type, out var keyword))
        {
            builder.Append(keyword);
        }
        else
        {
            AppendNamed(builder, type, info, write);
        }

        if (!type.IsValueType && info is not null && StateOf(info, write) == NullabilityState.Nullable)
        {
            builder.Append('?');
        }
    }

    /// <summary>Writes <c>Namespace.Outer&lt;A&gt;.Inner&lt;B&gt;</c>, giving each containing type its own arguments.</summary>
    private static void AppendNamed(StringBuilder builder, Type type, NullabilityInfo? info, bool write)
    {
        var arguments = type.IsGenericType ? type.GetGenericArguments() : [];
        var chain = new List<Type>();
        for (var current = type; current is not null; current = current.DeclaringType)
        {
            chain.Insert(0, current);
        }

        if (!string.IsNullOrEmpty(chain[0].Namespace))
        {
            builder.Append(chain[0].Namespace).Append('.');
        }

        var used = 0;
        for (var i = 0; i < chain.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            builder.Append(StripArity(chain[i].Name));
            var ownCount = OwnGenericArguments(chain[i]).Length;
            if (ownCount == 0 || arguments.Length < used + ownCount)
            {
                continue;
            }

            builder.Append('<');
            for (var a = used; a < used + ownCount; a++)
            {
                if (a > used)
                {
                    builder.Append(", ");
                }

                var argumentInfo = info is not null && a < info.GenericTypeArguments.Length ? info.GenericTypeArguments[a] : null;
                Append(builder, arguments[a], argumentInfo, write);
            }

            builder.Append('>');
            used += ownCount;
        }
    }

    private static NullabilityState StateOf(NullabilityInfo info, bool write)
    {
        var state = write ? info.WriteState : info.ReadState;
        return state == NullabilityState.Unknown ? (write ? info.ReadState : info.WriteState) : state;
    }

    /// <summary>The generic parameters a type declares itself (not those it inherits from its containing type).</summary>
    private static Type[] OwnGenericArguments(Type type)
    {
        if (!type.IsGenericType)
        {
            return [];
        }

        var all = type.GetGenericTypeDefinition().GetGenericArguments();
        var inherited = type.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments().Length : 0;
        return all[inherited..];
    }

    private static string VarianceOf(Type parameter) =>
        (parameter.GenericParameterAttributes & GenericParameterAttributes.VarianceMask) switch
        {
            GenericParameterAttributes.Covariant => "out ",
            GenericParameterAttributes.Contravariant => "in ",
            _ => string.Empty,
        };

    private static string StripArity(string name)
    {
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
