;; Whole user visits of the default large-catalogue training in one call (see
;; src/user-visits/user-visit-kernel.ts for the context block, src/testing/user-visit-reference.ts for the same
;; computation in scalar TypeScript). A visit is a user's run of consecutive work items: the mean m of
;; the user's liked item rows is taken once, and every pair scores the anchor h = (1 - g) u + g m
;; (SimpleX's train-time mix, g the user's share) against its positive and K negatives, each a
;; hardest-of-W pick from an int8 mirror of the item table or a uniform not-liked item. The rank-weighted
;; Euclidean hinge steps the active negatives, the positive and the user row (row-Adagrad, optional
;; max-norm); g dL/dh is pooled and spread over the liked rows when the visit ends (dm/di_j = 1/k), one
;; step per liked row per visit instead of one per triplet. The stepped item rows are re-copied into the
;; mirror, and a cursor re-copies a few more rows per pair so the rest of the mirror does not go stale.
;;
;; Work items are numbered as the rest of the engine numbers them (kernel/gathered-batch.ts): w below
;; pairCount is the positive pair w, a larger w the explicit triplet w - pairCount. An explicit triplet
;; trains as a pair whose one negative is its own (count 1, so rank weight entry 0), weighted by
;; explicitWeight; it draws nothing and moves no cursor (the composed path's cursor moves only with hard
;; picks), and it is skipped when explicitWeight is 0 or the user likes its negative (a liked item is
;; never a negative, as in kernel/example-builder.ts).
;;
;; Why one call per batch of visits: the composed path (sampler, mirror and fused step, each its own
;; WebAssembly call with JavaScript between them) spent most of a pair's time outside candidate scoring
;; on that glue: 5.3 µs a pair there against ~3.7 µs here (the engine README, "Fifteenth sitting" and
;; "Sixteenth sitting").
;; Everything here reads the context block and its arrays; nothing is kept between calls but what the
;; block holds (the random state, the cursor, the sums).
;;
;; Scoring is the largest cost: K · W random mirror rows per pair (3 · 320 at the large-catalogue soft-pick
;; defaults, 2 · 128 to 2 · 192 for hardest picks; their misses more than their arithmetic: engine README,
;; "Eighteenth sitting"). The anchor is quantised to i16 (|q| <= 16383, so a 1024-dim i32 sum of q · int8
;; cannot overflow), four candidates are scored at once (i32x4.dot_i16x8_s on int8 rows widened to i16, a
;; transposing add puts their four sums in one vector, scale and bias per lane) and the best is tracked per
;; lane. Sums over a row use one f32x4 accumulator (lane l takes coordinates l, l + 4, ...) and add its
;; lanes as (l0 + l1) + (l2 + l3), an order the reference repeats, so both compute the same f32 bits.
;; Addresses are bytes in the imported memory; dim is a multiple of 16, so a row is whole 16-byte vectors
;; and an int8 mirror row is `dim` bytes.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; The context of the running call (set by $loadContext; the offsets are the context block's).
  (global $dim (mut i32) (i32.const 0))
  (global $rowBytes (mut i32) (i32.const 0))
  (global $itemCount (mut i32) (i32.const 0))
  (global $users (mut i32) (i32.const 0))
  (global $items (mut i32) (i32.const 0))
  (global $userAcc (mut i32) (i32.const 0))
  (global $itemAcc (mut i32) (i32.const 0))
  (global $likedOffsets (mut i32) (i32.const 0))
  (global $likedItems (mut i32) (i32.const 0))
  (global $shares (mut i32) (i32.const 0))
  (global $pairUsers (mut i32) (i32.const 0))
  (global $pairItems (mut i32) (i32.const 0))
  (global $pairWeights (mut i32) (i32.const 0))
  (global $pairCount (mut i32) (i32.const 0))
  (global $explicitUsers (mut i32) (i32.const 0))
  (global $explicitPositives (mut i32) (i32.const 0))
  (global $explicitNegatives (mut i32) (i32.const 0))
  (global $explicitWeight (mut f32) (f32.const 0))
  (global $mirror (mut i32) (i32.const 0))
  (global $mirrorScale (mut i32) (i32.const 0))
  (global $mirrorBias (mut i32) (i32.const 0))
  (global $candidates (mut i32) (i32.const 0))
  (global $negatives (mut i32) (i32.const 0))
  (global $learningRate (mut f32) (f32.const 0))
  (global $margin (mut f32) (f32.const 0))
  (global $maxNorm (mut f32) (f32.const 0))
  (global $hardShare (mut f32) (f32.const 0))
  (global $rankWeights (mut i32) (i32.const 0))
  (global $rng (mut i32) (i32.const 1))
  (global $cursor (mut i32) (i32.const 0))
  (global $cursorDue (mut f32) (f32.const 0))
  (global $cursorRowsPerPair (mut f32) (f32.const 0))
  ;; t of the soft hard pick (Gumbel-max; see $pickHard): 0 picks the hardest candidate. With t > 0 the
  ;; noise table holds 4096 f32 t · G (gumbelNoiseTable in user-visit-kernel.ts; the host writes it).
  (global $temperature (mut f32) (f32.const 0))
  (global $noiseTable (mut i32) (i32.const 0))
  (global $lossSum (mut f64) (f64.const 0))
  (global $tripletCount (mut f64) (f64.const 0))
  ;; The scratch (visitScratchBytes): seven f32 rows, the i16 anchor, the pair's negatives (i32 [4] ids,
  ;; f32 [4] distances, f32 [4] hinge arguments, the touch sink), the W candidate ids, their scores and
  ;; their noise (f32 t · G from the noise table; written only when temperature > 0).
  (global $mean (mut i32) (i32.const 0))
  (global $anchor (mut i32) (i32.const 0))
  (global $gradAnchor (mut i32) (i32.const 0))
  (global $gradPositive (mut i32) (i32.const 0))
  (global $gradNegative (mut i32) (i32.const 0))
  (global $pending (mut i32) (i32.const 0))
  (global $spread (mut i32) (i32.const 0))
  (global $quantised (mut i32) (i32.const 0))
  (global $picks (mut i32) (i32.const 0))
  (global $ids (mut i32) (i32.const 0))
  (global $scores (mut i32) (i32.const 0))
  (global $noise (mut i32) (i32.const 0))
  ;; The current visit: the user's liked list [likedFirst, likedEnd) (bytes), the mix and the anchor's
  ;; quantisation step (q · step ≈ h).
  (global $likedFirst (mut i32) (i32.const 0))
  (global $likedEnd (mut i32) (i32.const 0))
  (global $share (mut f32) (f32.const 0))
  (global $keep (mut f32) (f32.const 1))
  (global $anchorStep (mut f32) (f32.const 0))
  ;; The pick being merged from the four lanes ($consider).
  (global $bestPosition (mut i32) (i32.const -1))
  (global $bestScore (mut f32) (f32.const -inf))

  ;; Trains the work items work[0 .. workCount) (i32: pairs, then explicit triplets) in order; a run of
  ;; items of one user is a visit, pairs and explicit triplets mixed. A user's items cut across two calls
  ;; are two visits (each with its own mean and spread).
  (func (export "trainVisits") (param $ctx i32) (param $work i32) (param $workCount i32)
    (local $i i32) (local $end i32) (local $user i32)
    (call $loadContext (local.get $ctx))
    (block $done
      (loop $nextVisit
        (br_if $done (i32.ge_s (local.get $i) (local.get $workCount)))
        (local.set $user (call $workUser (local.get $work) (local.get $i)))
        (local.set $end (i32.add (local.get $i) (i32.const 1)))
        (block $visitEnds
          (loop $extend
            (br_if $visitEnds (i32.ge_s (local.get $end) (local.get $workCount)))
            (br_if $visitEnds (i32.ne (call $workUser (local.get $work) (local.get $end)) (local.get $user)))
            (local.set $end (i32.add (local.get $end) (i32.const 1)))
            (br $extend)))
        (call $trainVisit (local.get $user)
          (i32.add (local.get $work) (i32.shl (local.get $i) (i32.const 2)))
          (i32.sub (local.get $end) (local.get $i)))
        (local.set $i (local.get $end))
        (br $nextVisit)))
    (call $storeContext (local.get $ctx)))

  ;; Re-quantises item rows [first, first + count) into the mirror (rows, scales, biases).
  (func (export "copyMirrorRows") (param $ctx i32) (param $first i32) (param $count i32)
    (local $end i32)
    (call $loadContext (local.get $ctx))
    (local.set $end (i32.add (local.get $first) (local.get $count)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $first) (local.get $end)))
        (call $copyRow (local.get $first))
        (local.set $first (i32.add (local.get $first) (i32.const 1)))
        (br $next))))

  ;; The user of work[i]: pairUsers[w] for a pair, explicitUsers[w - pairCount] for an explicit triplet
  ;; (a select of the two addresses, so the pairs' visit scan gains no branch; only the chosen is loaded).
  (func $workUser (param $work i32) (param $i i32) (result i32)
    (local $w i32)
    (local.set $w (i32.load (i32.add (local.get $work) (i32.shl (local.get $i) (i32.const 2)))))
    (i32.load (select
      (i32.add (global.get $pairUsers) (i32.shl (local.get $w) (i32.const 2)))
      (i32.add (global.get $explicitUsers)
        (i32.shl (i32.sub (local.get $w) (global.get $pairCount)) (i32.const 2)))
      (i32.lt_s (local.get $w) (global.get $pairCount)))))

  ;; Reads the context block into the globals and lays out the scratch (see visitScratchBytes).
  (func $loadContext (param $ctx i32)
    (local $at i32)
    (global.set $dim (i32.load (local.get $ctx)))
    (global.set $rowBytes (i32.shl (global.get $dim) (i32.const 2)))
    (global.set $itemCount (i32.load offset=4 (local.get $ctx)))
    (global.set $users (i32.load offset=8 (local.get $ctx)))
    (global.set $items (i32.load offset=12 (local.get $ctx)))
    (global.set $userAcc (i32.load offset=16 (local.get $ctx)))
    (global.set $itemAcc (i32.load offset=20 (local.get $ctx)))
    (global.set $likedOffsets (i32.load offset=24 (local.get $ctx)))
    (global.set $likedItems (i32.load offset=28 (local.get $ctx)))
    (global.set $shares (i32.load offset=32 (local.get $ctx)))
    (global.set $pairUsers (i32.load offset=36 (local.get $ctx)))
    (global.set $pairItems (i32.load offset=40 (local.get $ctx)))
    (global.set $pairWeights (i32.load offset=44 (local.get $ctx)))
    (global.set $mirror (i32.load offset=48 (local.get $ctx)))
    (global.set $mirrorScale (i32.load offset=52 (local.get $ctx)))
    (global.set $mirrorBias (i32.load offset=56 (local.get $ctx)))
    (global.set $candidates (i32.load offset=60 (local.get $ctx)))
    (global.set $negatives (i32.load offset=64 (local.get $ctx)))
    (global.set $learningRate (f32.load offset=68 (local.get $ctx)))
    (global.set $margin (f32.load offset=72 (local.get $ctx)))
    (global.set $maxNorm (f32.load offset=76 (local.get $ctx)))
    (global.set $hardShare (f32.load offset=80 (local.get $ctx)))
    (global.set $rankWeights (i32.load offset=84 (local.get $ctx)))
    (global.set $rng (i32.load offset=92 (local.get $ctx)))
    (global.set $cursor (i32.load offset=96 (local.get $ctx)))
    (global.set $cursorDue (f32.load offset=100 (local.get $ctx)))
    (global.set $cursorRowsPerPair (f32.load offset=104 (local.get $ctx)))
    (global.set $lossSum (f64.load offset=112 (local.get $ctx)))
    (global.set $tripletCount (f64.load offset=120 (local.get $ctx)))
    (global.set $pairCount (i32.load offset=128 (local.get $ctx)))
    (global.set $explicitUsers (i32.load offset=132 (local.get $ctx)))
    (global.set $explicitPositives (i32.load offset=136 (local.get $ctx)))
    (global.set $explicitNegatives (i32.load offset=140 (local.get $ctx)))
    (global.set $explicitWeight (f32.load offset=144 (local.get $ctx)))
    (global.set $temperature (f32.load offset=152 (local.get $ctx)))
    (global.set $noiseTable (i32.load offset=156 (local.get $ctx)))
    ;; rows are dim · 4 bytes, a multiple of 64: every part starts on a cache line
    (local.set $at (i32.load offset=88 (local.get $ctx)))
    (global.set $mean (local.get $at))
    (global.set $anchor (local.tee $at (i32.add (local.get $at) (global.get $rowBytes))))
    (global.set $gradAnchor (local.tee $at (i32.add (local.get $at) (global.get $rowBytes))))
    (global.set $gradPositive (local.tee $at (i32.add (local.get $at) (global.get $rowBytes))))
    (global.set $gradNegative (local.tee $at (i32.add (local.get $at) (global.get $rowBytes))))
    (global.set $pending (local.tee $at (i32.add (local.get $at) (global.get $rowBytes))))
    (global.set $spread (local.tee $at (i32.add (local.get $at) (global.get $rowBytes))))
    (global.set $quantised (local.tee $at (i32.add (local.get $at) (global.get $rowBytes))))
    (global.set $picks (local.tee $at (i32.add (local.get $at)
      (call $align64 (i32.shl (global.get $dim) (i32.const 1))))))
    (global.set $ids (local.tee $at (i32.add (local.get $at) (i32.const 64))))
    (global.set $scores (local.tee $at (i32.add (local.get $at)
      (call $align64 (i32.shl (global.get $candidates) (i32.const 2))))))
    (global.set $noise (i32.add (local.get $at)
      (call $align64 (i32.shl (global.get $candidates) (i32.const 2))))))

  ;; Writes back what a call moves on: the random state, the cursor and the sums.
  (func $storeContext (param $ctx i32)
    (i32.store offset=92 (local.get $ctx) (global.get $rng))
    (i32.store offset=96 (local.get $ctx) (global.get $cursor))
    (f32.store offset=100 (local.get $ctx) (global.get $cursorDue))
    (f64.store offset=112 (local.get $ctx) (global.get $lossSum))
    (f64.store offset=120 (local.get $ctx) (global.get $tripletCount)))

  (func $align64 (param $bytes i32) (result i32)
    (i32.and (i32.add (local.get $bytes) (i32.const 63)) (i32.const -64)))

  ;; One visit: the user's `count` work items at `work` (i32, pairs and explicit triplets).
  (func $trainVisit (param $user i32) (param $work i32) (param $count i32)
    (local $liked i32) (local $userRow i32) (local $j i32) (local $w i32) (local $pair i32)
    (local $weight f32) (local $active i32)
    (global.set $likedFirst (i32.add (global.get $likedItems)
      (i32.shl (i32.load (i32.add (global.get $likedOffsets) (i32.shl (local.get $user) (i32.const 2))))
        (i32.const 2))))
    (global.set $likedEnd (i32.add (global.get $likedItems)
      (i32.shl (i32.load offset=4 (i32.add (global.get $likedOffsets) (i32.shl (local.get $user) (i32.const 2))))
        (i32.const 2))))
    (local.set $liked (i32.shr_s (i32.sub (global.get $likedEnd) (global.get $likedFirst)) (i32.const 2)))
    ;; a user without liked items has no mean to mix: the anchor is the user row (g = 0, m = 0)
    (global.set $share (select
      (f32.load (i32.add (global.get $shares) (i32.shl (local.get $user) (i32.const 2))))
      (f32.const 0) (i32.gt_s (local.get $liked) (i32.const 0))))
    (global.set $keep (f32.sub (f32.const 1) (global.get $share)))
    ;; without a mix (g = 0: plain user rows, or no liked items) neither the mean nor the spread is needed
    (if (f32.eq (global.get $share) (f32.const 0))
      (then (call $fillZero (global.get $mean)))
      (else (call $meanOfLiked (local.get $liked))))
    (call $fillZero (global.get $pending))
    (local.set $userRow (i32.add (global.get $users) (i32.mul (local.get $user) (global.get $rowBytes))))
    (block $done
      (loop $nextItem
        (br_if $done (i32.ge_s (local.get $j) (local.get $count)))
        (local.set $w (i32.load (i32.add (local.get $work) (i32.shl (local.get $j) (i32.const 2)))))
        (if (i32.lt_s (local.get $w) (global.get $pairCount))
          (then
            (local.set $pair (i32.shl (local.get $w) (i32.const 2)))
            (local.set $weight (f32.load (i32.add (global.get $pairWeights) (local.get $pair))))
            ;; a weight-0 pair is not trained: no draws, no cursor copy
            (if (f32.ne (local.get $weight) (f32.const 0))
              (then
                (local.set $active (i32.or (local.get $active)
                  (call $trainPair (local.get $user) (local.get $userRow)
                    (i32.load (i32.add (global.get $pairItems) (local.get $pair))) (local.get $weight))))
                (call $advanceCursor))))
          (else
            (local.set $active (i32.or (local.get $active)
              (call $trainExplicit (local.get $user) (local.get $userRow)
                (i32.shl (i32.sub (local.get $w) (global.get $pairCount)) (i32.const 2)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $nextItem)))
    (if (i32.and (local.get $active) (f32.ne (global.get $share) (f32.const 0)))
      (then (call $spreadPending (local.get $liked)))))

  ;; mean = (1/k) · the sum of the liked rows, added in list order (0 when k = 0).
  (func $meanOfLiked (param $liked i32)
    (local $at i32) (local $row i32) (local $k i32) (local $inv v128)
    (call $fillZero (global.get $mean))
    (if (i32.eqz (local.get $liked)) (then (return)))
    (local.set $at (global.get $likedFirst))
    (block $summed
      (loop $nextRow
        (br_if $summed (i32.ge_u (local.get $at) (global.get $likedEnd)))
        (local.set $row (i32.add (global.get $items) (i32.mul (i32.load (local.get $at)) (global.get $rowBytes))))
        (local.set $k (i32.const 0))
        (loop $add
          (v128.store (i32.add (global.get $mean) (local.get $k)) (f32x4.add
            (v128.load (i32.add (global.get $mean) (local.get $k)))
            (v128.load (i32.add (local.get $row) (local.get $k)))))
          (br_if $add (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $nextRow)))
    (local.set $inv (f32x4.splat (f32.div (f32.const 1) (f32.convert_i32_s (local.get $liked)))))
    (local.set $k (i32.const 0))
    (loop $scale
      (v128.store (i32.add (global.get $mean) (local.get $k))
        (f32x4.mul (v128.load (i32.add (global.get $mean) (local.get $k))) (local.get $inv)))
      (br_if $scale (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes)))))

  ;; The visit's end: each liked row takes a row-Adagrad step with spread = (1/k) · pending.
  (func $spreadPending (param $liked i32)
    (local $inv v128) (local $k i32) (local $at i32) (local $item i32)
    (local.set $inv (f32x4.splat (f32.div (f32.const 1) (f32.convert_i32_s (local.get $liked)))))
    (loop $scale
      (v128.store (i32.add (global.get $spread) (local.get $k))
        (f32x4.mul (local.get $inv) (v128.load (i32.add (global.get $pending) (local.get $k)))))
      (br_if $scale (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes))))
    (local.set $at (global.get $likedFirst))
    (block $done
      (loop $nextRow
        (br_if $done (i32.ge_u (local.get $at) (global.get $likedEnd)))
        (local.set $item (i32.load (local.get $at)))
        (call $adagrad (i32.add (global.get $items) (i32.mul (local.get $item) (global.get $rowBytes)))
          (i32.add (global.get $itemAcc) (i32.shl (local.get $item) (i32.const 2))) (global.get $spread))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $nextRow))))

  ;; One pair: the anchor, then its K drawn negatives (the hard picks score against the anchor), the
  ;; hinge and its steps. Returns 1 when a hinge was active.
  (func $trainPair (param $user i32) (param $userRow i32) (param $item i32) (param $weight f32) (result i32)
    (call $setAnchor (local.get $userRow))
    (call $trainPicks (local.get $user) (local.get $userRow) (local.get $item) (local.get $weight)
      (call $drawNegatives)))

  ;; The explicit triplet at byte offset `at` of the explicit arrays: its own negative alone in the
  ;; picks, so found = 1 and the rank weight is entry 0 (count 1, active 1) whatever K is. Skipped (0,
  ;; nothing counted) when explicitWeight is 0 or the user likes the negative. Returns 1 when active.
  (func $trainExplicit (param $user i32) (param $userRow i32) (param $at i32) (result i32)
    (local $negative i32)
    (local.set $negative (i32.load (i32.add (global.get $explicitNegatives) (local.get $at))))
    (if (i32.or (f32.eq (global.get $explicitWeight) (f32.const 0)) (call $isLiked (local.get $negative)))
      (then (return (i32.const 0))))
    (call $setAnchor (local.get $userRow))
    ;; the picks' ids are their first 16 bytes (see $trainPicks): slot 0 the negative, the rest none
    (v128.store (global.get $picks) (v128.const i32x4 -1 -1 -1 -1))
    (i32.store (global.get $picks) (local.get $negative))
    (call $trainPicks (local.get $user) (local.get $userRow)
      (i32.load (i32.add (global.get $explicitPositives) (local.get $at))) (global.get $explicitWeight)
      (i32.const 1)))

  ;; One triplet group once the anchor is set and `found` of the K picks hold a negative: the hinge and
  ;; its steps. Returns 1 when a hinge was active (the visit then has a pending share to spread).
  (func $trainPicks (param $user i32) (param $userRow i32) (param $item i32) (param $weight f32)
    (param $found i32) (result i32)
    (local $active i32) (local $positive i32) (local $dp f32) (local $dn f32)
    (local $v f32) (local $hinges f32) (local $s f32) (local $k i32) (local $n i32) (local $at i32)
    (if (i32.eqz (local.get $found)) (then (return (i32.const 0))))
    (global.set $tripletCount (f64.add (global.get $tripletCount) (f64.convert_i32_s (local.get $found))))
    (local.set $positive (i32.add (global.get $items) (i32.mul (local.get $item) (global.get $rowBytes))))
    (local.set $dp (call $distance (local.get $positive)))
    ;; distances and hinge arguments v_k = dp - dn_k + margin (picks: ids, then dn at +16, v at +32)
    (loop $nextNegative
      (local.set $at (i32.add (global.get $picks) (i32.shl (local.get $k) (i32.const 2))))
      (local.set $n (i32.load (local.get $at)))
      (if (i32.ge_s (local.get $n) (i32.const 0))
        (then
          (local.set $dn (call $distance
            (i32.add (global.get $items) (i32.mul (local.get $n) (global.get $rowBytes)))))
          (local.set $v (f32.add (f32.sub (local.get $dp) (local.get $dn)) (global.get $margin)))
          (f32.store offset=16 (local.get $at) (local.get $dn))
          (f32.store offset=32 (local.get $at) (local.get $v))
          (if (f32.gt (local.get $v) (f32.const 0))
            (then
              (local.set $active (i32.add (local.get $active) (i32.const 1)))
              (local.set $hinges (f32.add (local.get $hinges) (local.get $v)))))))
      (br_if $nextNegative (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (global.get $negatives))))
    (if (i32.eqz (local.get $active)) (then (return (i32.const 0))))
    ;; rank weight of `active` of `found` (WARP / CML): log1p((N - 1) · active / found) / active
    (local.set $s (f32.mul (local.get $weight) (f32.load (i32.add (global.get $rankWeights) (i32.shl
      (i32.add (i32.mul (i32.sub (local.get $found) (i32.const 1)) (global.get $negatives))
        (i32.sub (local.get $active) (i32.const 1))) (i32.const 2))))))
    (global.set $lossSum (f64.add (global.get $lossSum) (f64.promote_f32 (f32.mul (local.get $s) (local.get $hinges)))))
    (call $gradientsFromPositive (local.get $positive)
      (f32.div (f32.mul (local.get $s) (f32.convert_i32_s (local.get $active))) (local.get $dp)))
    (local.set $k (i32.const 0))
    (loop $stepNegatives
      (local.set $at (i32.add (global.get $picks) (i32.shl (local.get $k) (i32.const 2))))
      (local.set $n (i32.load (local.get $at)))
      (if (i32.and (i32.ge_s (local.get $n) (i32.const 0)) (f32.gt (f32.load offset=32 (local.get $at)) (f32.const 0)))
        (then (call $stepNegative (local.get $n) (f32.div (local.get $s) (f32.load offset=16 (local.get $at))))))
      (br_if $stepNegatives (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (global.get $negatives))))
    (call $adagrad (local.get $positive) (i32.add (global.get $itemAcc) (i32.shl (local.get $item) (i32.const 2)))
      (global.get $gradPositive))
    (call $copyRow (local.get $item))
    (call $stepUser (local.get $user) (local.get $userRow))
    (i32.const 1))

  ;; K negatives into picks[0 .. K) (-1: none found), each a hard pick with probability hardShare, else
  ;; a uniform not-liked draw. Returns how many were found.
  (func $drawNegatives (result i32)
    (local $k i32) (local $n i32) (local $found i32)
    (loop $next
      ;; r = (next >>> 8) / 2^24, uniform in [0, 1) and exact in f32
      (local.set $n (if (result i32)
        (f32.lt (f32.mul (f32.convert_i32_u (i32.shr_u (call $next) (i32.const 8))) (f32.const 0x1p-24))
          (global.get $hardShare))
        (then (call $pickHard))
        (else (call $pickUniform))))
      (i32.store (i32.add (global.get $picks) (i32.shl (local.get $k) (i32.const 2))) (local.get $n))
      (local.set $found (i32.add (local.get $found) (i32.ge_s (local.get $n) (i32.const 0))))
      (br_if $next (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (global.get $negatives))))
    (local.get $found))

  ;; anchor = keep · u + share · mean, and its i16 quantisation (levels 16383 / max |h|; see the header).
  (func $setAnchor (param $userRow i32)
    (local $k i32) (local $x v128) (local $top v128) (local $keep v128) (local $share v128) (local $max f32)
    (local $inv v128) (local $magic v128) (local $at i32)
    (local.set $keep (f32x4.splat (global.get $keep)))
    (local.set $share (f32x4.splat (global.get $share)))
    (loop $mix
      (local.set $x (f32x4.add
        (f32x4.mul (local.get $keep) (v128.load (i32.add (local.get $userRow) (local.get $k))))
        (f32x4.mul (local.get $share) (v128.load (i32.add (global.get $mean) (local.get $k))))))
      (v128.store (i32.add (global.get $anchor) (local.get $k)) (local.get $x))
      (local.set $top (f32x4.max (local.get $top) (f32x4.abs (local.get $x))))
      (br_if $mix (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes))))
    (local.set $max (call $laneMax (local.get $top)))
    (global.set $anchorStep (f32.div (local.get $max) (f32.const 16383)))
    (local.set $inv (f32x4.splat (select (f32.div (f32.const 16383) (local.get $max)) (f32.const 0)
      (f32.gt (local.get $max) (f32.const 0)))))
    ;; round half to even by adding 1.5 · 2^23 (see $copyRow); |h · inv| <= 16383, no saturation
    (local.set $magic (f32x4.splat (f32.const 12582912)))
    (local.set $k (i32.const 0))
    (loop $quantise
      (local.set $at (i32.add (global.get $anchor) (i32.shl (local.get $k) (i32.const 2))))
      (v128.store (i32.add (global.get $quantised) (i32.shl (local.get $k) (i32.const 1)))
        (i16x8.narrow_i32x4_s
          (i32x4.sub (f32x4.add (f32x4.mul (v128.load (local.get $at)) (local.get $inv)) (local.get $magic))
            (local.get $magic))
          (i32x4.sub (f32x4.add (f32x4.mul (v128.load offset=16 (local.get $at)) (local.get $inv)) (local.get $magic))
            (local.get $magic))))
      (br_if $quantise (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 8))) (global.get $dim)))))

  ;; The hardest of W uniform mirror rows: the highest score q · row · step · scale[id] + bias[id]
  ;; (-0.5 ||h - x||² up to a constant), the earliest candidate on a tie; if the user likes it, the best
  ;; scored candidate the user does not like; -1 if none. Draws exactly W ids.
  ;;
  ;; With temperature t > 0 the pick is soft: a draw from softmax(score / t) over the W candidates, by the
  ;; Gumbel-max trick (the argmax of s + t · G, G standard Gumbel noise, is distributed as that softmax),
  ;; so the pick keeps its argmax form, its lanes and its liked-item fallback (which reads the stored
  ;; perturbed scores). The noise costs no draw and no logarithm: the id is the high half of the 64-bit
  ;; product x · itemCount, and its low half is, for a given id, uniform over [0, 2^32) (in steps of
  ;; itemCount) and independent of the id; its top 12 bits index the host's table of 4096 f32 t · G_i,
  ;; G_i the Gumbel quantile at (i + 0.5) / 4096 (gumbelNoiseTable). Each candidate stores its table entry
  ;; at noise[c] as it is drawn, and its score adds it (one f32 add, in the lanes and in $scoreOne alike,
  ;; so both give the same bits). Why: one more xorshift step and two fast f32 logs per candidate cost a
  ;; fifth of the whole default Gowalla run (162.2 s with them, 131.6 s with the table, back to back;
  ;; engine README, "Twentieth sitting"). t = 0 reads no table and adds nothing.
  (func $pickHard (result i32)
    (local $count i32) (local $ids i32) (local $mirror i32) (local $dim i32) (local $q i32)
    (local $scale i32) (local $bias i32) (local $x i32) (local $bound i64) (local $c i32) (local $id i32)
    (local $touch i32) (local $k i32) (local $v v128) (local $low v128) (local $high v128)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $row0 i32) (local $row1 i32) (local $row2 i32) (local $row3 i32)
    (local $id0 i32) (local $id1 i32) (local $id2 i32) (local $id3 i32)
    (local $steps v128) (local $score4 v128) (local $better v128) (local $lane v128)
    (local $bestScores v128) (local $bestLanes v128) (local $best i32)
    (local $noisy i32) (local $noise i32) (local $table i32) (local $product i64)
    (local.set $count (global.get $candidates))
    (local.set $ids (global.get $ids))
    (local.set $mirror (global.get $mirror))
    (local.set $dim (global.get $dim))
    (local.set $q (global.get $quantised))
    (local.set $scale (global.get $mirrorScale))
    (local.set $bias (global.get $mirrorBias))
    (local.set $noise (global.get $noise))
    (local.set $table (global.get $noiseTable))
    (local.set $noisy (f32.gt (global.get $temperature) (f32.const 0)))
    ;; The W ids (xorshift32 inline: a call per draw costs more than the draw), and a load of one
    ;; byte of each row, so all their misses are in flight before the scoring waits on any.
    (local.set $x (global.get $rng))
    (local.set $bound (i64.extend_i32_u (global.get $itemCount)))
    (loop $draw
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (local.set $product (i64.mul (i64.extend_i32_u (local.get $x)) (local.get $bound)))
      (local.set $id (i32.wrap_i64 (i64.shr_u (local.get $product) (i64.const 32))))
      (i32.store (i32.add (local.get $ids) (i32.shl (local.get $c) (i32.const 2))) (local.get $id))
      (local.set $touch (i32.add (local.get $touch)
        (i32.load8_u (i32.add (local.get $mirror) (i32.mul (local.get $id) (local.get $dim))))))
      ;; a soft pick's noise: the table entry of the product's low half, (low >>> 20) · 4 its byte offset
      ;; (the branch goes one way per call)
      (if (local.get $noisy)
        (then
          (f32.store (i32.add (local.get $noise) (i32.shl (local.get $c) (i32.const 2)))
            (f32.load (i32.add (local.get $table)
              (i32.and (i32.shr_u (i32.wrap_i64 (local.get $product)) (i32.const 18)) (i32.const 0x3FFC)))))))
      (br_if $draw (i32.lt_s (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $count))))
    (global.set $rng (local.get $x))
    ;; the touched bytes feed nothing; storing their sum keeps the loads
    (i32.store offset=48 (global.get $picks) (local.get $touch))
    ;; Four candidates at a time while they last; lane l keeps its earliest best of candidates l, l + 4...
    (local.set $steps (f32x4.splat (global.get $anchorStep)))
    (local.set $bestScores (f32x4.splat (f32.const -inf)))
    (local.set $bestLanes (v128.const i32x4 -1 -1 -1 -1))
    (local.set $lane (v128.const i32x4 0 1 2 3))
    (local.set $c (i32.const 0))
    (block $groupsDone
      (loop $nextGroup
        (br_if $groupsDone (i32.gt_s (i32.add (local.get $c) (i32.const 4)) (local.get $count)))
        (local.set $k (i32.add (local.get $ids) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $id0 (i32.load (local.get $k)))
        (local.set $id1 (i32.load offset=4 (local.get $k)))
        (local.set $id2 (i32.load offset=8 (local.get $k)))
        (local.set $id3 (i32.load offset=12 (local.get $k)))
        (local.set $row0 (i32.add (local.get $mirror) (i32.mul (local.get $id0) (local.get $dim))))
        (local.set $row1 (i32.add (local.get $mirror) (i32.mul (local.get $id1) (local.get $dim))))
        (local.set $row2 (i32.add (local.get $mirror) (i32.mul (local.get $id2) (local.get $dim))))
        (local.set $row3 (i32.add (local.get $mirror) (i32.mul (local.get $id3) (local.get $dim))))
        (local.set $acc0 (v128.const i32x4 0 0 0 0))
        (local.set $acc1 (v128.const i32x4 0 0 0 0))
        (local.set $acc2 (v128.const i32x4 0 0 0 0))
        (local.set $acc3 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (loop $nextStep
          (local.set $low (v128.load (i32.add (local.get $q) (i32.shl (local.get $k) (i32.const 1)))))
          (local.set $high (v128.load offset=16 (i32.add (local.get $q) (i32.shl (local.get $k) (i32.const 1)))))
          (local.set $v (v128.load (i32.add (local.get $row0) (local.get $k))))
          (local.set $acc0 (i32x4.add (local.get $acc0) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (local.set $v (v128.load (i32.add (local.get $row1) (local.get $k))))
          (local.set $acc1 (i32x4.add (local.get $acc1) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (local.set $v (v128.load (i32.add (local.get $row2) (local.get $k))))
          (local.set $acc2 (i32x4.add (local.get $acc2) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (local.set $v (v128.load (i32.add (local.get $row3) (local.get $k))))
          (local.set $acc3 (i32x4.add (local.get $acc3) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (br_if $nextStep (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (local.get $dim))))
        ;; transposing add: [a0+a2, b0+b2, a1+a3, b1+b3], the same for c, d, then [a, b, c, d]
        (local.set $acc0 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $acc0) (local.get $acc1))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $acc0) (local.get $acc1))))
        (local.set $acc2 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $acc2) (local.get $acc3))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $acc2) (local.get $acc3))))
        (local.set $acc0 (i32x4.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $acc0) (local.get $acc2))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $acc0) (local.get $acc2))))
        ;; (sum · step) · scale + bias, per lane (written out, not a call: Node 20's V8 does not inline
        ;; WebAssembly functions, and a call per group cost ~7% of a pair)
        (local.set $id0 (i32.shl (local.get $id0) (i32.const 2)))
        (local.set $id1 (i32.shl (local.get $id1) (i32.const 2)))
        (local.set $id2 (i32.shl (local.get $id2) (i32.const 2)))
        (local.set $id3 (i32.shl (local.get $id3) (i32.const 2)))
        (local.set $score4 (f32x4.add
          (f32x4.mul (f32x4.mul (f32x4.convert_i32x4_s (local.get $acc0)) (local.get $steps))
            (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1
              (f32x4.splat (f32.load (i32.add (local.get $scale) (local.get $id0))))
              (f32.load (i32.add (local.get $scale) (local.get $id1))))
              (f32.load (i32.add (local.get $scale) (local.get $id2))))
              (f32.load (i32.add (local.get $scale) (local.get $id3)))))
          (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1
            (f32x4.splat (f32.load (i32.add (local.get $bias) (local.get $id0))))
            (f32.load (i32.add (local.get $bias) (local.get $id1))))
            (f32.load (i32.add (local.get $bias) (local.get $id2))))
            (f32.load (i32.add (local.get $bias) (local.get $id3))))))
        ;; a soft pick's scores: s + t · G per lane, the four noises stored as they were drawn
        (if (local.get $noisy)
          (then
            (local.set $score4 (f32x4.add (local.get $score4)
              (v128.load (i32.add (local.get $noise) (i32.shl (local.get $c) (i32.const 2))))))))
        (v128.store (i32.add (global.get $scores) (i32.shl (local.get $c) (i32.const 2))) (local.get $score4))
        (local.set $better (f32x4.gt (local.get $score4) (local.get $bestScores)))
        (local.set $bestScores (v128.bitselect (local.get $score4) (local.get $bestScores) (local.get $better)))
        (local.set $bestLanes (v128.bitselect (local.get $lane) (local.get $bestLanes) (local.get $better)))
        (local.set $lane (i32x4.add (local.get $lane) (v128.const i32x4 4 4 4 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $nextGroup)))
    ;; the lanes' bests merged: the highest score, the earliest candidate on a tie
    (global.set $bestPosition (i32.const -1))
    (global.set $bestScore (f32.const -inf))
    (call $consider (i32x4.extract_lane 0 (local.get $bestLanes)) (f32x4.extract_lane 0 (local.get $bestScores)))
    (call $consider (i32x4.extract_lane 1 (local.get $bestLanes)) (f32x4.extract_lane 1 (local.get $bestScores)))
    (call $consider (i32x4.extract_lane 2 (local.get $bestLanes)) (f32x4.extract_lane 2 (local.get $bestScores)))
    (call $consider (i32x4.extract_lane 3 (local.get $bestLanes)) (f32x4.extract_lane 3 (local.get $bestScores)))
    ;; the last W mod 4 candidates one at a time (never scoring past W)
    (block $done
      (loop $nextOne
        (br_if $done (i32.ge_s (local.get $c) (local.get $count)))
        (call $consider (local.get $c) (call $scoreOne (local.get $c)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $nextOne)))
    (if (i32.lt_s (global.get $bestPosition) (i32.const 0)) (then (return (i32.const -1))))
    (local.set $best (i32.load (i32.add (local.get $ids) (i32.shl (global.get $bestPosition) (i32.const 2)))))
    (if (call $isLiked (local.get $best)) (then (return (call $closestUnliked))))
    (local.get $best))

  ;; The score of candidate c alone (stored at scores[c]): the group's arithmetic on one row (the integer
  ;; sum is exact in any order, the f32 operations are the lanes'), so the same bits; with t > 0 plus
  ;; noise[c] (t · G) as in the group loop.
  (func $scoreOne (param $c i32) (result f32)
    (local $id i32) (local $row i32) (local $k i32) (local $v v128) (local $acc v128) (local $score f32)
    (local.set $id (i32.load (i32.add (global.get $ids) (i32.shl (local.get $c) (i32.const 2)))))
    (local.set $row (i32.add (global.get $mirror) (i32.mul (local.get $id) (global.get $dim))))
    (loop $nextStep
      (local.set $v (v128.load (i32.add (local.get $row) (local.get $k))))
      (local.set $acc (i32x4.add (local.get $acc) (i32x4.add
        (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v))
          (v128.load (i32.add (global.get $quantised) (i32.shl (local.get $k) (i32.const 1)))))
        (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v))
          (v128.load offset=16 (i32.add (global.get $quantised) (i32.shl (local.get $k) (i32.const 1))))))))
      (br_if $nextStep (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $dim))))
    (local.set $score (f32.add
      (f32.mul
        (f32.mul
          (f32.convert_i32_s (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
          (global.get $anchorStep))
        (f32.load (i32.add (global.get $mirrorScale) (i32.shl (local.get $id) (i32.const 2)))))
      (f32.load (i32.add (global.get $mirrorBias) (i32.shl (local.get $id) (i32.const 2))))))
    (if (f32.gt (global.get $temperature) (f32.const 0))
      (then
        (local.set $score (f32.add (local.get $score)
          (f32.load (i32.add (global.get $noise) (i32.shl (local.get $c) (i32.const 2))))))))
    (f32.store (i32.add (global.get $scores) (i32.shl (local.get $c) (i32.const 2))) (local.get $score))
    (local.get $score))

  ;; Candidate `position` scoring `score` becomes the pick when higher, or as high and earlier.
  (func $consider (param $position i32) (param $score f32)
    (if (i32.and (i32.ge_s (local.get $position) (i32.const 0))
          (i32.or (f32.gt (local.get $score) (global.get $bestScore))
            (i32.and (f32.eq (local.get $score) (global.get $bestScore))
              (i32.lt_s (local.get $position) (global.get $bestPosition)))))
      (then
        (global.set $bestPosition (local.get $position))
        (global.set $bestScore (local.get $score)))))

  ;; The best scored candidate the user does not like (the earliest on a tie), -1 if none: the rare case
  ;; where the hardest is a liked item, so a second pass over the stored scores.
  (func $closestUnliked (result i32)
    (local $c i32) (local $score f32) (local $id i32) (local $best i32) (local $bestScore f32)
    (local.set $best (i32.const -1))
    (local.set $bestScore (f32.const -inf))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $c) (global.get $candidates)))
        (local.set $score (f32.load (i32.add (global.get $scores) (i32.shl (local.get $c) (i32.const 2)))))
        (if (f32.gt (local.get $score) (local.get $bestScore))
          (then
            (local.set $id (i32.load (i32.add (global.get $ids) (i32.shl (local.get $c) (i32.const 2)))))
            (if (i32.eqz (call $isLiked (local.get $id)))
              (then
                (local.set $best (local.get $id))
                (local.set $bestScore (local.get $score))))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $next)))
    (local.get $best))

  ;; The first of up to 64 uniform draws the user does not like, -1 if all are liked.
  (func $pickUniform (result i32)
    (local $tries i32) (local $id i32)
    (loop $draw
      (local.set $id (call $drawItem))
      (if (i32.eqz (call $isLiked (local.get $id))) (then (return (local.get $id))))
      (br_if $draw (i32.lt_u (local.tee $tries (i32.add (local.get $tries) (i32.const 1))) (i32.const 64))))
    (i32.const -1))

  ;; xorshift32 (x ^= x << 13; x ^= x >>> 17; x ^= x << 5); the state is never 0.
  (func $next (result i32)
    (local $x i32)
    (local.set $x (global.get $rng))
    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
    (global.set $rng (local.get $x))
    (local.get $x))

  ;; A uniform item: (next · itemCount) >> 32.
  (func $drawItem (result i32)
    (i32.wrap_i64 (i64.shr_u
      (i64.mul (i64.extend_i32_u (call $next)) (i64.extend_i32_u (global.get $itemCount)))
      (i64.const 32))))

  ;; Whether the visit's user likes `item`: a binary search of the sorted liked list.
  (func $isLiked (param $item i32) (result i32)
    (local $low i32) (local $high i32) (local $mid i32)
    (local.set $low (global.get $likedFirst))
    (local.set $high (global.get $likedEnd))
    (block $found
      (loop $halve
        (br_if $found (i32.ge_u (local.get $low) (local.get $high)))
        ;; the middle entry's byte address (entries are 4 bytes)
        (local.set $mid (i32.add (local.get $low)
          (i32.and (i32.shr_u (i32.sub (local.get $high) (local.get $low)) (i32.const 1)) (i32.const -4))))
        (if (i32.lt_s (i32.load (local.get $mid)) (local.get $item))
          (then (local.set $low (i32.add (local.get $mid) (i32.const 4))))
          (else (local.set $high (local.get $mid))))
        (br $halve)))
    (i32.and (i32.lt_u (local.get $low) (global.get $likedEnd))
      (i32.eq (i32.load (local.get $low)) (local.get $item))))

  ;; sqrt(||anchor - row||²) + 1e-12.
  (func $distance (param $row i32) (result f32)
    (local $k i32) (local $x v128) (local $sum v128)
    (loop $next
      (local.set $x (f32x4.sub (v128.load (i32.add (global.get $anchor) (local.get $k)))
        (v128.load (i32.add (local.get $row) (local.get $k)))))
      (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $x) (local.get $x))))
      (br_if $next (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes))))
    (f32.add (f32.sqrt (call $laneSum (local.get $sum))) (f32.const 1e-12)))

  ;; gradAnchor = c · (h - p), gradPositive = -c · (h - p).
  (func $gradientsFromPositive (param $positive i32) (param $c f32)
    (local $k i32) (local $x v128) (local $cs v128)
    (local.set $cs (f32x4.splat (local.get $c)))
    (loop $next
      (local.set $x (f32x4.mul (local.get $cs) (f32x4.sub
        (v128.load (i32.add (global.get $anchor) (local.get $k)))
        (v128.load (i32.add (local.get $positive) (local.get $k))))))
      (v128.store (i32.add (global.get $gradAnchor) (local.get $k)) (local.get $x))
      (v128.store (i32.add (global.get $gradPositive) (local.get $k)) (f32x4.neg (local.get $x)))
      (br_if $next (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes)))))

  ;; An active negative n: g_n = c · (h - n) from n's current row (a duplicate pick sees the first step),
  ;; gradAnchor -= g_n, then n's step and its mirror copy.
  (func $stepNegative (param $item i32) (param $c f32)
    (local $row i32) (local $k i32) (local $x v128) (local $cs v128)
    (local.set $row (i32.add (global.get $items) (i32.mul (local.get $item) (global.get $rowBytes))))
    (local.set $cs (f32x4.splat (local.get $c)))
    (loop $next
      (local.set $x (f32x4.mul (local.get $cs) (f32x4.sub
        (v128.load (i32.add (global.get $anchor) (local.get $k)))
        (v128.load (i32.add (local.get $row) (local.get $k))))))
      (v128.store (i32.add (global.get $gradAnchor) (local.get $k))
        (f32x4.sub (v128.load (i32.add (global.get $gradAnchor) (local.get $k))) (local.get $x)))
      (v128.store (i32.add (global.get $gradNegative) (local.get $k)) (local.get $x))
      (br_if $next (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes))))
    (call $adagrad (local.get $row) (i32.add (global.get $itemAcc) (i32.shl (local.get $item) (i32.const 2)))
      (global.get $gradNegative))
    (call $copyRow (local.get $item)))

  ;; The anchor gradient's split: pending += share · gh (the liked rows' part, spread at the visit's
  ;; end), the user row steps with keep · gh.
  (func $stepUser (param $user i32) (param $userRow i32)
    (local $k i32) (local $x v128) (local $keep v128) (local $share v128)
    (local.set $keep (f32x4.splat (global.get $keep)))
    (local.set $share (f32x4.splat (global.get $share)))
    (loop $next
      (local.set $x (v128.load (i32.add (global.get $gradAnchor) (local.get $k))))
      (v128.store (i32.add (global.get $pending) (local.get $k)) (f32x4.add
        (v128.load (i32.add (global.get $pending) (local.get $k))) (f32x4.mul (local.get $share) (local.get $x))))
      (v128.store (i32.add (global.get $gradAnchor) (local.get $k)) (f32x4.mul (local.get $keep) (local.get $x)))
      (br_if $next (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes))))
    (call $adagrad (local.get $userRow) (i32.add (global.get $userAcc) (i32.shl (local.get $user) (i32.const 2)))
      (global.get $gradAnchor)))

  ;; Row-Adagrad: acc += Σ grad² / dim; row -= lr / (sqrt(acc) + 1e-8) · grad; then, with maxNorm > 0,
  ;; a row longer than maxNorm is scaled back to it.
  (func $adagrad (param $row i32) (param $acc i32) (param $grad i32)
    (local $k i32) (local $g v128) (local $sum v128) (local $a f32) (local $rate v128) (local $x v128)
    (local $squared f32) (local $shrink v128)
    (loop $norm
      (local.set $g (v128.load (i32.add (local.get $grad) (local.get $k))))
      (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $g) (local.get $g))))
      (br_if $norm (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes))))
    (local.set $a (f32.add (f32.load (local.get $acc))
      (f32.div (call $laneSum (local.get $sum)) (f32.convert_i32_s (global.get $dim)))))
    (f32.store (local.get $acc) (local.get $a))
    (local.set $rate (f32x4.splat (f32.div (f32.neg (global.get $learningRate))
      (f32.add (f32.sqrt (local.get $a)) (f32.const 1e-8)))))
    (local.set $sum (v128.const i32x4 0 0 0 0))
    (local.set $k (i32.const 0))
    (loop $step
      (local.set $x (f32x4.add (v128.load (i32.add (local.get $row) (local.get $k)))
        (f32x4.mul (local.get $rate) (v128.load (i32.add (local.get $grad) (local.get $k))))))
      (v128.store (i32.add (local.get $row) (local.get $k)) (local.get $x))
      (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $x) (local.get $x))))
      (br_if $step (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes))))
    (if (f32.le (global.get $maxNorm) (f32.const 0)) (then (return)))
    (local.set $squared (call $laneSum (local.get $sum)))
    (if (f32.le (local.get $squared) (f32.mul (global.get $maxNorm) (global.get $maxNorm))) (then (return)))
    (local.set $shrink (f32x4.splat (f32.div (global.get $maxNorm) (f32.sqrt (local.get $squared)))))
    (local.set $k (i32.const 0))
    (loop $clip
      (v128.store (i32.add (local.get $row) (local.get $k))
        (f32x4.mul (local.get $shrink) (v128.load (i32.add (local.get $row) (local.get $k)))))
      (br_if $clip (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes)))))

  ;; Quantises item row `item` into the mirror: int8 x · 127 / max|x| rounded half to even, the step
  ;; max|x| / 127 as its scale, -0.5 ||x||² (of the f32 row) as its bias.
  (func $copyRow (param $item i32)
    (local $src i32) (local $dst i32) (local $k i32) (local $x v128) (local $top v128) (local $sum v128)
    (local $max f32) (local $inv v128) (local $magic v128) (local $line i32)
    (local.set $src (i32.add (global.get $items) (i32.mul (local.get $item) (global.get $rowBytes))))
    (local.set $dst (i32.add (global.get $mirror) (i32.mul (local.get $item) (global.get $dim))))
    (loop $measure
      (local.set $x (v128.load (i32.add (local.get $src) (local.get $k))))
      (local.set $top (f32x4.max (local.get $top) (f32x4.abs (local.get $x))))
      (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $x) (local.get $x))))
      (br_if $measure (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes))))
    (local.set $max (call $laneMax (local.get $top)))
    (local.set $inv (f32x4.splat (select (f32.div (f32.const 127) (local.get $max)) (f32.const 0)
      (f32.gt (local.get $max) (f32.const 0)))))
    ;; Round half to even by adding 1.5 · 2^23: for |v| <= 2^22 the sum's low mantissa bits are round(v),
    ;; so its bits minus the constant's are round(v) as an i32 (two instructions instead of nearest and
    ;; trunc_sat); |v| <= 127, so the narrowings never saturate.
    (local.set $magic (f32x4.splat (f32.const 12582912)))
    (local.set $k (i32.const 0))
    (loop $quantise
      (local.set $line (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))
      (v128.store (i32.add (local.get $dst) (local.get $k))
        (i8x16.narrow_i16x8_s
          (i16x8.narrow_i32x4_s
            (i32x4.sub (f32x4.add (f32x4.mul (v128.load (local.get $line)) (local.get $inv)) (local.get $magic))
              (local.get $magic))
            (i32x4.sub (f32x4.add (f32x4.mul (v128.load offset=16 (local.get $line)) (local.get $inv)) (local.get $magic))
              (local.get $magic)))
          (i16x8.narrow_i32x4_s
            (i32x4.sub (f32x4.add (f32x4.mul (v128.load offset=32 (local.get $line)) (local.get $inv)) (local.get $magic))
              (local.get $magic))
            (i32x4.sub (f32x4.add (f32x4.mul (v128.load offset=48 (local.get $line)) (local.get $inv)) (local.get $magic))
              (local.get $magic)))))
      (br_if $quantise (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $dim))))
    (f32.store (i32.add (global.get $mirrorScale) (i32.shl (local.get $item) (i32.const 2)))
      (f32.div (local.get $max) (f32.const 127)))
    (f32.store (i32.add (global.get $mirrorBias) (i32.shl (local.get $item) (i32.const 2)))
      (f32.mul (f32.const -0.5) (call $laneSum (local.get $sum)))))

  ;; The cursor's share of mirror copies: cursorRowsPerPair rows per trained pair, whole rows as they fall due.
  (func $advanceCursor
    (global.set $cursorDue (f32.add (global.get $cursorDue) (global.get $cursorRowsPerPair)))
    (block $done
      (loop $next
        (br_if $done (f32.lt (global.get $cursorDue) (f32.const 1)))
        (call $copyRow (global.get $cursor))
        (global.set $cursor (i32.add (global.get $cursor) (i32.const 1)))
        (if (i32.ge_s (global.get $cursor) (global.get $itemCount)) (then (global.set $cursor (i32.const 0))))
        (global.set $cursorDue (f32.sub (global.get $cursorDue) (f32.const 1)))
        (br $next))))

  (func $fillZero (param $row i32)
    (local $k i32)
    (loop $next
      (v128.store (i32.add (local.get $row) (local.get $k)) (v128.const i32x4 0 0 0 0))
      (br_if $next (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (global.get $rowBytes)))))

  ;; (l0 + l1) + (l2 + l3): the lane order every row sum here uses.
  (func $laneSum (param $s v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
      (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s)))))

  (func $laneMax (param $s v128) (result f32)
    (f32.max
      (f32.max (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
      (f32.max (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s))))))
