// Test-only transcription of NvDsAnalyticsFrameMeta (a C++ struct of libstdc++ unordered_maps).
#ifndef TALLY_DSANALYTICS_H
#define TALLY_DSANALYTICS_H
#include <cstdint>
#include <string>
#include <unordered_map>

struct TAnalyticsFrameMeta {
    std::unordered_map<std::string, bool> ocStatus;
    std::unordered_map<std::string, uint32_t> objInROIcnt;
    std::unordered_map<std::string, uint64_t> objLCCurrCnt;
    std::unordered_map<std::string, uint64_t> objLCCumCnt;
    unsigned int unique_id;
    std::unordered_map<int, uint32_t> objCnt;
};

#endif
