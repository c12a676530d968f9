import Testing
@testable import Concise

/// `CBORRational` is in lowest terms with a positive denominator, as Python's `Fraction` is,
/// for parts beyond 64 bits too (vectors from `Fraction(n, d)`).
struct CBORRationalTests {
    /// Numerator and denominator as given, and Python's reduced ones: signed big-endian hex.
    static let vectors: [(numerator: String, denominator: String, reducedNumerator: String, reducedDenominator: String)] = [
        ("400000000000000000", "200000000000000000", "02", "01"),
        ("-400000000000000000", "600000000000000000", "-02", "03"),
        ("010000000000000000", "-010000000000000000", "-01", "01"),
        ("", "0100000000000000000000", "", "01"),
        ("980553f0db2fd09de3c9", "0461134625eb41016345", "f3", "07"),
        ("-8000000000000000", "02", "-4000000000000000", "01"),
        ("8000000000000000", "06", "4000000000000000", "03"),
        ("0c9f2c9cd04674edea40000000", "813f3978f894098440000000", "19", "01"),
        ("-1a91bfee2d7826e7e01e168ce180000000", "0a5df1342a5be04a3f09e5a14d3700000000", "-043ce355b882504639", "01a74ea9587d3e6689aa"),
        ("01922e211a4c95f72289202b814f797e5c230db51be1cd45680000000000000000", "328298f2b2cdda10bd5f5a4f73b45a7c191241838268930d80000000", "07e915da111293eded21f3ba03026a2f9000000000", "fe55088b01f282cb7627070a14d138af"),
        ("-90e6a5ce592ed18a339bef109a7f4de641f6dff43c0d0ba3e6000000000000", "c8a0dcde75f5d8da8a2dae0286f6237d291099d239ce13e2c9500000000000000000", "-04ce875f2e16bc377f2f44aef501477a2f", "06a7c70098eb36d7eb0f56f6aa243f20a7c80000"),
        ("-01042a8d45e8a3ff7b8282e6d18403c201f93428e64a131da54c34b4ccf15420cb7bb6b44353d2595a29630065d35df6ec6a8000000000", "02d41d274e56e102127d64216d5394554176bc61661e1297354ecfc46e5f1a500d2af4eca52b9e106b32d43f2d73eaa7e29d0000", "-560c38e985c8674cdf36e3afb7e1aa5e65a3d07dd7d6031a85480a6a376713e21d800000", "ef7e944d699d0bf2411c9ba62af850113de52a3b3b8ff1da58a38356b847472cf3"),
        ("040a1a902d5b87380027103b0c85b66a9a05ecb8668a67a20b136db3f1bd9df46df28e8fe4a0777264ba100abb4a78209f2020b3ee9f2e5bc64876a72a7926478007754662cca780f7ab715e790b9ff401d4b357cb94b9919da0542041ab57c506e1ae74f9ae20ed86cf8258e9e60d3d84dcff2bd5a366d0d2895e83fff2f68c3bcc87a03fb1c66f00b738731c16c53b1c81391cd2f7e0000000", "058dc4d402975cd74648b9c0d37d96f519559babb06835cf1625d6d9c8606eb50462a094c4af78edf82bced294bc8f8689eac96643201b9c2111309ef6064abee8cf7768c930fe52d463f83afa737adc0f27782b24ce301ecdea56815505bd7115cfa93f963bded677123090439c8e347971addfef69b50a27c63c3f956076d4c621e80be0a1dc7f4815dcb5e08b0f034b80f5ce848fa000000000000000", "29fd2cf4bbfc4029014b7486445e4cb6559c1999a147fb6c15439aae3cb39d752a0c51c93735db931ce18530e0d6b5d1553316d3694df9fe9e35a4228bed76eaa927f01b6184ff330b7638a61342d77aa05ec310effe5afffaa654085a38f43fc1d6f275", "39bad457aa5917f46b8e894548ea21f3832de0402fdb783ad3f88aff2f6ab668afa198482b83f032accb58eae0a831a2b1fa91f0e4f4d183416eebb394a2033540f06f637a962e3deeba9e7d42f400b07c5398bbe0cbc7b87968b2601a4c0377f1e1491f00000000"),
        ("061c7d80a491ed53e85a32e2816ce60f1e6bbff83d2beaef601bf6064e370db390d9573818efa9879a68612e3518e744b678b0f0c648a92035cb827669ca9b47c9936bf9ca84bd9f603f90106494137badf83bb2dd98f9fc94f629166d5de747b2fc4eeb076908875d49ba980c7e651867168ed9f8c7c4d1bbc85fc45d123f2f932c5b54b02b0f97d56b26c6d160aa837daa58ab4b659404b407d1a7cc45e23f11673b3704efc3c2f8d07bd41940f15b4dd9ffefbeaf4d138f67e9557bd9f92c882fbbf0393b5f84f0c8c8d24959cf215dacb2b8130d48932b6241b19e0fc8db2d9a7ebb1ff7e18ee20741715a229e84073f36ae9fc24287ed4897ffda296d28022a52c296e9d9c506829af6304de7900f5c3106bdedef22a007fa5b6b1030fe9dd14d0aaca5adfaa5b55a4785def0fdca259136e9336f4ca215673658bf2db53c2f4873b547479b4a63c558ea708fb75aadb4c8981a859ca7a8e4dd4e6f4e70c3ab98b28e7b238c0c8f20f18d5b57f108cb068ca6430a0200d8204f9212ebaeae6b4111494da42c386b4b6c49d5f2d1e9353041718a5d6a38d415e4c27a4041bdc0efc96bd452224f4a152525b59484c628479e7d7ccb97c434d6136a5c3363ee8c70000000000000", "069739c0a416d80e12b75e9d53057f74413495c35f44a7f7d9e4594edc304a258580e2ce877da57f76d1f5322ecd799368250fc460c91e268b62e6bc4efff85e7e1a1afb979b1211c5098f8426c23c883d5fa8307091bdcfc688ed95438beef25689f77b1742f0f619234330ae6af7c9054b58121ed39b7aec8bdf28fa99de09185e55c8a0d954695e43aed9138e01668f97f8d61dc95922962461dd061a221fd72d4bfc387c9d1aea8ff292321cc03caebd4dbf9b64ca1921eb4c94c1b9647b1a2c66de4457543339b8c35954ce09a6fcb3f0b404444f69bec3811dcef33605f7a440710957609ae1cc7f7795416c3a423161e54e4baa736650a0b16d6e246b3427e2ec0289fa50e290fe57df177adc8c9dc6ae352691e3d8b6ef4ba7325c2cbd2b227dce57f03f20631066e76ff3c5ef4fd8b30e803fb71bc87a521e73aa502feaa3e2211ee76ebb89417d685ed88ae8cda264b73b896056fd5559df765fdb319b18884807b66aa583a510b36a167b6ffe665b0a1b3f6253ccc399da2dbd713fa14eac096ddc8472766eb14e51e30b25b73ef32ee2c5cfd3863299f68239ff31a54d96a3137c4ab6f0cbf6f1cf196fb77f33e3fb2215b6dab85a2643bbbaeea43800000000", "fd34bb035b2d3a8219d52cdda681f80672916874c3170ba67a86d77300ab64515798c0fd508d51a6e6fd1e0a038ef5cf9cbbf060e348db29c4f057b94c8627d8c2a16c654ae76106c2442a6d3fd715396174640110687dd8f9064f43f6a913076ce104b7f94d8a06248b646200d3cfc279ebc231f9ae483d93d3bcfe6852dfc331915a6b06accf34d633eef45513ba1fea45b0ffbfdb0f3412c0bfc38705ec7663c2ec28eb5d65d0de0f557622232de1237aa88c8444c0e0d2b494667024c61d43bfcecc5f784aead9b484579ca304bf7f19d487985428b9d2bccd4424e8dcbe01b78a8ea878b3017157ec9cb42271550976f0a7881d2ae3a2a9b702d2a03039c99b65d3b9b75701644a4dd1d8d0b92c40fb4408eb9632628d84419f94e0d150085f041e8ff057bd55a9142e0000", "011111f64a1e6648bd1de3e86a18d5c4cfd68b64b81f31d106762fa949b0cfeb339c02846a3e271f4d2329dc2a259d673094133d24b1a91380726d3aa62bc1e7525095bf38fb0634ec152f7f99375d481f57ac3571689ddf24aa335923387490d69c1b239900adf89fb8e48bb32fdf5d315cd6293a7c91aa93bea053265032ba59c3d23a9907836130c10ffd4dd7a289883e004684786dd55f6dfa17b93d3c02df77bf12c675f39edaa370b4c261c92d2a6b59aa90fb591cac89769aafc47997e4279d70057558625809e2358488f740b3bf864b28a0e8d02c1867841d4799f3652a122e1b465edd183a7ab3bd3e99b27a02b648335ebc3d31c8369f1b1014d763f39d147bebe8ab5521e18d3e2168f31e4907862d68b2f1ba5a0ccc92fa6d857a2b66c7c32aaafbf266a9d7"),
    ]

    private static func integer(_ signedHex: String) -> CBORBigInt {
        let negative = signedHex.hasPrefix("-")
        return CBORBigInt(isNegative: negative, magnitude: [UInt8](hex: String(signedHex.drop(while: { $0 == "-" }))))
    }

    @Test("reduced as Fraction reduces, beyond 64 bits as within")
    func lowestTerms() throws {
        for vector in Self.vectors {
            let value = try #require(CBORRational(numerator: Self.integer(vector.numerator), denominator: Self.integer(vector.denominator)))
            #expect(value.numerator == Self.integer(vector.reducedNumerator), "\(vector.numerator)/\(vector.denominator)")
            #expect(value.denominator == Self.integer(vector.reducedDenominator), "\(vector.numerator)/\(vector.denominator)")
        }
    }

    @Test("BigMagnitude multiplies across limbs with every carry (products from Python)")
    func multiplication() {
        func product(_ left: [UInt64], _ right: [UInt64]) -> [UInt64] {
            BigMagnitude(limbs: left).multiplied(by: BigMagnitude(limbs: right)).limbs
        }
        // 0xffffffffffffffffffff × 0x123456789abcdef0123456789
        #expect(product([.max, 0xffff], [0xabcd_ef01_2345_6789, 0x1_2345_6789])
            == [0x5432_10fe_dcba_9877, 0xef01_2344_4443_9876, 0x1_2345_6789_abcd])
        // (2^128 - 1)^2 = 2^256 - 2^129 + 1
        #expect(product([.max, .max], [.max, .max]) == [1, 0, .max - 1, .max])
        #expect(product([], [5]) == [])
    }

    @Test("parts longer than the limit are kept as given; a zero denominator is refused")
    func limits() {
        let long = CBORBigInt(isNegative: false, magnitude: [1] + [UInt8](repeating: 0, count: CBORRational.reducedPartLimit))
        let kept = CBORRational(numerator: long, denominator: CBORBigInt(2))
        #expect(kept?.numerator == long && kept?.denominator == CBORBigInt(2))
        #expect(CBORRational(numerator: long, denominator: CBORBigInt(0)) == nil)
    }
}
