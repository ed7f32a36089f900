#!/bin/sh
# Makes the reports gatekit.json gates on, with the real tools, into reports/:
#   reports/tests.trx, reports/tests.junit.xml   dotnet test with the TRX and JUnit loggers
#   reports/sarif/*.sarif                        the compiler's results (ErrorLog, SARIF 2.1.0), one per project
#   reports/coverage/coverage.cobertura.xml,     line and branch coverage of the same test run, by coverlet.collector
#   reports/coverage/coverage.info                 (the "XPlat Code Coverage" data collector) as Cobertura and lcov
#   reports/benchmarks/*-report-full.json        BenchmarkDotNet, a short run in process (about a minute)
# Usage: ./make-reports.sh [--no-benchmarks]
set -eu
cd "$(dirname "$0")"
rm -rf reports/tests.trx reports/tests.junit.xml reports/sarif reports/coverage obj/coverage
mkdir -p reports/sarif reports/coverage
dotnet test Sample.Tests/Sample.Tests.csproj -p:SarifDir="$PWD/reports/sarif" \
  --logger "trx;LogFileName=$PWD/reports/tests.trx" \
  --logger "junit;LogFilePath=$PWD/reports/tests.junit.xml" \
  --collect "XPlat Code Coverage;Format=cobertura,lcov" --results-directory "$PWD/obj/coverage"
# coverlet writes into a folder named by a GUID: one test project, so one of each.
cp obj/coverage/*/coverage.cobertura.xml obj/coverage/*/coverage.info reports/coverage/
if [ "${1:-}" != "--no-benchmarks" ]; then
  dotnet run -c Release --project Sample.Benchmarks -- --filter '*' --job short --inProcess --exporters fulljson --artifacts "$PWD/obj/benchmarks"
  rm -rf reports/benchmarks && mkdir -p reports/benchmarks
  cp obj/benchmarks/results/*-report-full.json reports/benchmarks/
fi
