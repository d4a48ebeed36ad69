/*
 * Test-only transcription of NvDsAnalyticsFrameMeta (nvdsanalytics' frame user meta, a C++ struct of
 * std::unordered_maps), built with the real libstdc++ containers so that Tally's in-place map walk is checked
 * against what g++ lays out. Linked with tally_dsmeta.c by AnalyticsMetaTest.
 */
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>

#include "tally_dsanalytics.h"

#pragma GCC diagnostic ignored "-Winvalid-offsetof" /* offsetof on a non-standard-layout struct: fine with g++ */



extern "C" void *tally_build_analytics(void) {
    TAnalyticsFrameMeta *m = new TAnalyticsFrameMeta();
    m->ocStatus["loading-bay"] = true;
    m->objInROIcnt["loading-bay"] = 4;
    m->objInROIcnt["a-zone-whose-name-is-longer-than-the-inline-buffer"] = 7;
    m->objInROIcnt["not-configured"] = 99;
    m->objLCCurrCnt["dock-door"] = 1;
    m->objLCCumCnt["dock-door"] = 123456789012ULL;
    m->objLCCumCnt["dock"] = 5;
    m->unique_id = 1;
    m->objCnt[0] = 3;
    return m;
}

extern "C" void tally_free_analytics(void *m) {
    delete static_cast<TAnalyticsFrameMeta *>(m);
}

extern "C" long tally_analytics_offsetof(const char *q) {
    if (std::strcmp(q, "NvDsAnalyticsFrameMeta.objInROIcnt") == 0) return offsetof(TAnalyticsFrameMeta, objInROIcnt);
    if (std::strcmp(q, "NvDsAnalyticsFrameMeta.objLCCurrCnt") == 0) return offsetof(TAnalyticsFrameMeta, objLCCurrCnt);
    if (std::strcmp(q, "NvDsAnalyticsFrameMeta.objLCCumCnt") == 0) return offsetof(TAnalyticsFrameMeta, objLCCumCnt);
    if (std::strcmp(q, "sizeof(std::unordered_map)") == 0) return sizeof(std::unordered_map<std::string, uint64_t>);
    return -1;
}
