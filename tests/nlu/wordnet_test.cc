// WordNet concepts as optional classifier features (`--features wn=..,wnh=..`).
#include "nlu/wordnet.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "nlu/nlu.h"

namespace sa::nlu {
namespace {

class WordNetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wn_ = WordNet::Shared();
    if (wn_ == nullptr) GTEST_SKIP() << "Debian package wordnet-base is not installed";
  }
  static bool Share(const WordNet::Concepts& a, const WordNet::Concepts& b) {
    for (uint64_t s : a.synsets)
      if (std::find(b.synsets.begin(), b.synsets.end(), s) != b.synsets.end()) return true;
    return false;
  }
  const WordNet* wn_ = nullptr;
};

TEST_F(WordNetTest, SynonymsAndInflectionsShareASense) {
  EXPECT_GT(wn_->lemmas(), 50000u);  // single-word lemmas of WordNet 3.0
  EXPECT_TRUE(Share(wn_->Lookup("purchase"), wn_->Lookup("buy")));
  EXPECT_TRUE(Share(wn_->Lookup("purchased"), wn_->Lookup("bought")));
  EXPECT_TRUE(Share(wn_->Lookup("payments"), wn_->Lookup("payment")));
  EXPECT_FALSE(Share(wn_->Lookup("printer"), wn_->Lookup("password")));
  EXPECT_FALSE(wn_->Lookup("printer").hypernyms.empty());
}

TEST_F(WordNetTest, FunctionWordsAndUnknownWordsHaveNoConcepts) {
  for (const char* w : {"the", "it", "can", "a", "qwzxv"}) {
    EXPECT_TRUE(wn_->Lookup(w).synsets.empty()) << w;
  }
}

TEST_F(WordNetTest, ClassifierWithWordNetFeaturesSavesAndLoadsTheSameScores) {
  ClassifierOptions o;
  o.features = "wn=1,wnh=0.5";
  std::vector<Example> ex = {{"I want to buy a ticket", "buy", ""},
                             {"buy a new phone", "buy", ""},
                             {"my card was stolen", "stolen", ""},
                             {"someone stole my wallet", "stolen", ""}};
  auto clf = IntentClassifier::Train(ex, o);
  ASSERT_TRUE(clf.ok()) << clf.status().ToString();
  // "purchase" was never seen: only its WordNet sense links it to "buy".
  EXPECT_EQ((*clf)->Classify("purchase", "").name, "buy");
  std::string path = ::testing::TempDir() + "/nlu_wn_test_" + std::to_string(getpid()) + ".bin";
  ASSERT_TRUE((*clf)->Save(path).ok());
  auto loaded = IntentClassifier::Load(path);
  std::remove(path.c_str());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  for (const char* text : {"purchase", "theft of my card", "hello"}) {
    EXPECT_NEAR((*loaded)->Predict(text, "")[0].score, (*clf)->Predict(text, "")[0].score, 1e-6)
        << text;
  }
}

}  // namespace
}  // namespace sa::nlu
