using System.Globalization;
using System.Text.Json;

namespace Unico.IdCloud.Testing;

/// <summary>
/// The canned <c>lists</c> of the emulated Data Verification (<c>POST /lists/{cpf}</c>): a <c>basicData</c> section in
/// the shape of the vendor's example, with plausible values derived from the CPF's digits, so the same CPF always gets
/// the same person and two CPFs usually get different ones. Members the vendor's example leaves empty (father, marital
/// status, RG) stay empty strings, its "not known"; so do the financial figures, whose format the example hides.
/// </summary>
internal static class ByClientBasicDataSample
{
    private static readonly (string Name, string Gender)[] FirstNames =
    [
        ("ANA", "F"), ("JOAO", "M"), ("MARIA", "F"), ("PEDRO", "M"), ("JULIANA", "F"),
        ("LUCAS", "M"), ("FERNANDA", "F"), ("CARLOS", "M"), ("BEATRIZ", "F"), ("RAFAEL", "M"),
    ];

    private static readonly string[] MothersFirstNames = ["MARIA", "ANTONIA", "FRANCISCA", "ADRIANA", "JULIANA", "MARCIA", "ALINE", "SANDRA", "PATRICIA", "LUCIA"];

    private static readonly string[] Surnames = ["SILVA", "SANTOS", "OLIVEIRA", "SOUZA", "RODRIGUES", "FERREIRA", "ALVES", "PEREIRA", "LIMA", "GOMES"];

    private static readonly string[] Streets = ["AVENIDA DO ESTADO", "RUA DAS FLORES", "AVENIDA BRASIL", "RUA SETE DE SETEMBRO", "RUA XV DE NOVEMBRO"];

    private static readonly string[] Neighborhoods = ["CENTRO", "JARDIM AMERICA", "VILA NOVA", "BOA VISTA", "SANTA CRUZ"];

    private static readonly (string City, string State, string ZipPrefix, string AreaCode)[] Cities =
    [
        ("SAO PAULO", "SP", "01", "11"), ("RIO DE JANEIRO", "RJ", "20", "21"), ("BELO HORIZONTE", "MG", "30", "31"),
        ("CURITIBA", "PR", "80", "41"), ("PORTO ALEGRE", "RS", "90", "51"), ("SALVADOR", "BA", "40", "71"),
        ("RECIFE", "PE", "50", "81"), ("FORTALEZA", "CE", "60", "85"), ("BRASILIA", "DF", "70", "61"),
        ("FLORIANOPOLIS", "SC", "88", "48"),
    ];

    /// <summary>Writes the <c>lists</c> object for <paramref name="cpf"/> (11 digits with valid check digits).</summary>
    public static void WriteLists(Utf8JsonWriter w, string cpf)
    {
        int D(int index) => cpf[index] - '0';
        var (first, gender) = FirstNames[D(0)];
        var surname = Surnames[D(1)];
        var secondSurname = Surnames[D(2)];
        var (city, state, zipPrefix, areaCode) = Cities[D(8)];
        var birth = new DateOnly(1950 + (((D(0) * 10) + D(1)) % 55), 1 + (((D(2) * 10) + D(3)) % 12), 1 + (((D(4) * 10) + D(5)) % 28));

        w.WriteStartObject("lists");
        w.WriteStartObject("basicData");
        w.WriteString("name", $"{first} {surname} {secondSurname}");
        w.WriteString("birthCountry", "BRASILEIRA");
        w.WriteString("birthDate", birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z");
        w.WriteString("gender", gender);
        w.WriteString("motherName", $"{MothersFirstNames[D(3)]} {surname}");
        w.WriteString("fatherName", string.Empty);
        w.WriteString("maritalStatus", string.Empty);
        w.WriteString("rgNumber", string.Empty);
        w.WriteString("rgIssuingAgency", string.Empty);
        w.WriteString("rgStateCode", string.Empty);
        w.WriteStartObject("financialData");
        w.WriteString("incomeEstimate", string.Empty);
        w.WriteString("totalAssets", string.Empty);
        w.WriteEndObject();
        w.WriteStartObject("address");
        w.WriteString("addressMain", Streets[D(4) % Streets.Length]);
        w.WriteString("number", (1 + (((D(5) * 100) + (D(6) * 10) + D(7)) % 999)).ToString(CultureInfo.InvariantCulture));
        w.WriteString("complement", D(6) % 2 == 0 ? string.Empty : "APTO " + (10 + D(7)).ToString(CultureInfo.InvariantCulture));
        w.WriteString("neighborhood", Neighborhoods[D(5) % Neighborhoods.Length]);
        w.WriteString("zipCode", zipPrefix + cpf[2..8]);
        w.WriteString("city", city);
        w.WriteString("state", state);
        w.WriteString("country", "BRASIL");
        w.WriteString("type", D(9) % 2 == 0 ? "HOME" : "WORK");
        w.WriteEndObject();
        w.WriteString("email", $"{first.ToLowerInvariant()}.{surname.ToLowerInvariant()}{cpf[^2..]}@example.com");
        w.WriteString("phone", "+55" + areaCode + "9" + cpf[1..9]);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
